import { financialYearLabel, financialYearOf, formatDate, formatDateTime, todayInTheUk } from "@fundline/domain";
import type { PeriodCloseResponse } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { MoneyTabs } from "../../../components/page/money-tabs.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useSession } from "../../session/index.ts";
import { useAskToReopen, useClosePeriod, usePeriods, useReopen } from "../api/periods.ts";

/**
 * A council's closed months and financial years: nothing dated in one is written until it is
 * re-opened, which takes two people (one asks, with a reason; another agrees).
 */
export function PeriodsPage() {
  const session = useSession();
  const mayClose = session.permissions.includes("money.write");
  return (
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <h2>Closed periods</h2>
      <p>
        Once a month or a financial year is closed, no payment, receipt or profile dated in it can be recorded, changed
        or imported. Re-opening one takes two people: one asks, with the reason, and another finance officer or an
        administrator agrees.
      </p>
      {mayClose && <ClosePeriodForm />}
      <PeriodList mayReopen={mayClose} myId={session.user.id} />
    </>
  );
}

function ClosePeriodForm() {
  const id = useId();
  const today = todayInTheUk();
  const lastYear = financialYearOf(today) - 1;
  const [kind, setKind] = useState<"month" | "year">("month");
  const [month, setMonth] = useState(today.slice(0, 7));
  const [year, setYear] = useState(financialYearLabel(lastYear));
  const [done, setDone] = useState("");
  const close = useClosePeriod();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone("");
    close.mutate(kind === "month" ? { kind, month } : { kind, financialYear: year }, {
      onSuccess: (period) => setDone(`Closed ${period.label}: nothing dated in it can change now.`),
    });
  };
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h3 id={`${id}-title`}>Close a period</h3>
      <form onSubmit={onSubmit}>
        <fieldset className="record-filters">
          <legend>What to close</legend>
          <div className="choice">
            <input
              type="radio"
              id={`${id}-month-kind`}
              name={`${id}-kind`}
              checked={kind === "month"}
              onChange={() => setKind("month")}
            />
            <label htmlFor={`${id}-month-kind`}>A month</label>
          </div>
          <div className="choice">
            <input
              type="radio"
              id={`${id}-year-kind`}
              name={`${id}-kind`}
              checked={kind === "year"}
              onChange={() => setKind("year")}
            />
            <label htmlFor={`${id}-year-kind`}>A financial year (1 April to 31 March)</label>
          </div>
        </fieldset>
        {kind === "month" ? (
          <div className="field">
            <label htmlFor={`${id}-month`}>Month to close</label>
            <input
              id={`${id}-month`}
              type="month"
              required
              value={month}
              onChange={(event) => setMonth(event.target.value)}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-year`}>Financial year to close</label>
            <select id={`${id}-year`} value={year} onChange={(event) => setYear(event.target.value)}>
              {Array.from({ length: 8 }, (_, back) => financialYearLabel(lastYear + 1 - back)).map((label) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" disabled={close.isPending}>
          Close {kind === "month" ? "the month" : "the year"}
        </button>
      </form>
      <p role="status">{done}</p>
      {close.isError && <p role="alert">{close.error.message}</p>}
    </section>
  );
}

function PeriodList({ mayReopen, myId }: { mayReopen: boolean; myId: string }) {
  const periods = usePeriods();
  if (periods.isPending) return <Loading what="the closed periods" />;
  if (periods.isError)
    return <LoadFailure what="the closed periods" error={periods.error} onRetry={() => void periods.refetch()} />;
  if (periods.data.periods.length === 0) return <p>Your council has closed no period yet.</p>;
  return (
    <TableRegion label="Closed periods">
      <table>
        <caption>Your council's closed periods, the latest first</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Dates</th>
            <th scope="col">Closed</th>
            <th scope="col">Now</th>
            {mayReopen && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {periods.data.periods.map((period) => (
            <PeriodRow key={period.id} period={period} mayReopen={mayReopen} myId={myId} />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function PeriodRow({ period, mayReopen, myId }: { period: PeriodCloseResponse; mayReopen: boolean; myId: string }) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const ask = useAskToReopen();
  const agree = useReopen();
  const askedByMe = period.reopenRequestedBy?.id === myId;
  const now = period.reopenedAt
    ? `Re-opened by ${period.reopenedBy?.displayName ?? "someone"}, ${formatDateTime(period.reopenedAt)}`
    : period.reopenRequestedAt
      ? `Closed; ${period.reopenRequestedBy?.displayName ?? "someone"} asked to re-open it: "${period.reopenReason}"`
      : "Closed";
  return (
    <tr>
      <th scope="row">{period.label}</th>
      <td>
        {formatDate(period.startsOn)} to {formatDate(period.endsOn)}
      </td>
      <td>
        {period.closedBy?.displayName ?? "—"}, {formatDateTime(period.closedAt)}
      </td>
      <td>
        {now}
        {/* A closed year's figures stay as they stood at its close: the year-end report reads them. */}
        {period.kind === "year" && !period.reopenedAt && (
          <>
            {" "}
            <Link
              to={`/dashboard?financialYear=${encodeURIComponent(period.label)}&asAt=${encodeURIComponent(period.closedAt)}`}
            >
              Year-end figures as at the close<span className="visually-hidden"> of {period.label}</span>
            </Link>
          </>
        )}
      </td>
      {mayReopen && (
        <td>
          {!period.reopenedAt && !period.reopenRequestedAt && !asking && (
            <button type="button" className="secondary" onClick={() => setAsking(true)}>
              Ask to re-open<span className="visually-hidden"> {period.label}</span>
            </button>
          )}
          {asking && !period.reopenRequestedAt && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                ask.mutate({ period, reason }, { onSuccess: () => setAsking(false) });
              }}
            >
              <label htmlFor={`${id}-reason`}>Why re-open {period.label}?</label>
              <input id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
              <button type="submit" disabled={ask.isPending}>
                Ask
              </button>
            </form>
          )}
          {!period.reopenedAt && period.reopenRequestedAt && !askedByMe && (
            <button type="button" disabled={agree.isPending} onClick={() => agree.mutate(period)}>
              Agree to re-open<span className="visually-hidden"> {period.label}</span>
            </button>
          )}
          {!period.reopenedAt && askedByMe && <p>Waiting for another person to agree.</p>}
          {ask.isError && <p role="alert">{ask.error.message}</p>}
          {agree.isError && <p role="alert">{agree.error.message}</p>}
        </td>
      )}
    </tr>
  );
}
