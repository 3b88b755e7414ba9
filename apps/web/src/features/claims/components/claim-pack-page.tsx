import { financialYearOf, formatDate, formatPence, todayInTheUk } from "@fundline/domain";
import { type ClaimPack, type CommitmentDetail, CreateClaimRequest } from "@fundline/schemas";
import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { DateField, MoneyField, TextField } from "../../../components/forms/fields.tsx";
import { SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { Confirmation, useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { QuerySection } from "../../../components/page/page-states.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { newIdempotencyKey } from "../../../lib/mutations.ts";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { commitmentPath, WithCommitment } from "../../commitments/index.ts";
import { useChangesMoneyOf, useSession } from "../../session/index.ts";
import { claimWorkbookPath, useClaimPack, useCreateClaim, useMarkClaimPaid } from "../api/claims.ts";

/**
 * A funder's claim pack for one commitment and a period (in the address: `?from=…&to=…`): the
 * money, the payments behind it, what was due and met with its evidence, and the variance in
 * words; printable, and as a workbook to send. Claims made are recorded here and marked paid.
 */
export function ClaimPackPage() {
  return <WithCommitment>{(commitment) => <ClaimPackView commitment={commitment} />}</WithCommitment>;
}

function ClaimPackView({ commitment }: { commitment: CommitmentDetail }) {
  const id = useId();
  const today = todayInTheUk();
  const { filters, setFilter } = useUrlFilters(["from", "to"] as const);
  // This financial year to date, until another period is chosen.
  const from = filters.from ?? `${financialYearOf(today)}-04-01`;
  const to = filters.to ?? today;
  const pack = useClaimPack(commitment.id, from, to);
  return (
    <article className="report">
      <Confirmation />
      <p className="caption">
        Claim pack — {commitment.fund.name}, {commitment.funder.name}
      </p>
      <PageHeading>{commitment.title}</PageHeading>
      <p className="no-print">
        <Link to={commitmentPath(commitment.id)} className="back-link">
          Back to {commitment.title}
        </Link>
      </p>
      <form className="filters no-print" aria-label="The claim's period" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>Period from</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(event) => setFilter("from", event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Period to</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(event) => setFilter("to", event.target.value)} />
        </div>
      </form>
      {from > to && <p role="alert">The period must end on or after the day it begins.</p>}
      <p className="button-group no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print the claim pack
        </button>
        <a className="button-link secondary" href={claimWorkbookPath(commitment.id, from, to)} download>
          Download the workbook (XLSX)
        </a>
      </p>
      <QuerySection query={pack} what="the claim pack">
        {(claim) => <Pack claim={claim} commitment={commitment} />}
      </QuerySection>
    </article>
  );
}

function Pack({ claim, commitment }: { claim: ClaimPack; commitment: CommitmentDetail }) {
  const { money, period } = claim;
  const during = `${formatDate(period.from)} to ${formatDate(period.to)}`;
  return (
    <>
      <Section id="claim-money" title="The money">
        <FiguresTable
          caption={`The commitment's money, ${during}`}
          figures={[
            ["Awarded", formatPence(money.awardedPence)],
            ["Profiled for the period's financial years", formatPence(money.profiledPence)],
            ["Received in the period", formatPence(money.receivedInPeriodPence)],
            ["Received to the period's end", formatPence(money.receivedToDatePence)],
            [
              "Spent in the period (its share, as the reconciliation attributes it)",
              formatPence(money.spentInPeriodPence),
            ],
            ["Claimed for the period", formatPence(money.claimedInPeriodPence)],
            ["Claimed and not yet received", formatPence(money.claimedNotReceivedPence)],
          ]}
        />
        <p>
          <strong>Variance: </strong>
          {claim.variance.explanation}
        </p>
      </Section>
      <Section id="claim-payments" title="The payments behind it">
        {claim.payments.length === 0 ? (
          <p>No payments in the period on the lines this commitment pays for.</p>
        ) : (
          <TableRegion label="Payments">
            <table>
              <caption>
                {claim.payments.length.toLocaleString("en-GB")} payments in the period on the lines this commitment pays
                for
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Supplier</th>
                  <th scope="col" className="money">
                    Amount
                  </th>
                  <th scope="col">Cost line</th>
                  <th scope="col">Ledger reference</th>
                  <th scope="col" className="money">
                    Its share
                  </th>
                </tr>
              </thead>
              <tbody>
                {claim.payments.map((payment, index) => (
                  // Payments have no id here: the pack is a report, its rows in date order.
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a report, never reordered.
                  <tr key={index}>
                    <td>{formatDate(payment.spentOn)}</td>
                    <td>{payment.supplierName}</td>
                    <td className="money">{formatPence(payment.amountPence)}</td>
                    <td>{payment.costLine}</td>
                    <td>{payment.reference ?? "—"}</td>
                    <td className="money">
                      {payment.named ? "All (charged to it)" : `${payment.lineSharePercentage}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Section>
      <Section id="claim-delivery" title="What was due and met">
        {claim.milestones.length === 0 ? (
          <p>No milestone was due or met in the period.</p>
        ) : (
          <TableRegion label="Milestones">
            <table>
              <caption>Milestones due or met in the period, with their evidence</caption>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {claim.milestones.map((milestone, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a report, never reordered.
                  <tr key={index}>
                    <td>{milestone.description}</td>
                    <td>{formatDate(milestone.dueOn)}</td>
                    <td>
                      {milestone.met && milestone.actualOn
                        ? `Met ${formatDate(milestone.actualOn)}`
                        : milestone.status.replaceAll("_", " ")}
                    </td>
                    <td>{milestone.evidence ?? "None recorded"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {claim.deliverables.length > 0 && (
          <TableRegion label="Deliverables">
            <table>
              <caption>Deliverables due in the period</caption>
              <thead>
                <tr>
                  <th scope="col">Deliverable</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="money">
                    Achieved of target
                  </th>
                </tr>
              </thead>
              <tbody>
                {claim.deliverables.map((deliverable, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a report, never reordered.
                  <tr key={index}>
                    <td>{deliverable.description}</td>
                    <td>{deliverable.dueOn ? formatDate(deliverable.dueOn) : "—"}</td>
                    <td className="money">
                      {deliverable.achievedCount} of {deliverable.targetCount}
                      {deliverable.met ? " (met)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Section>
      <Claims claim={claim} commitment={commitment} />
    </>
  );
}

function Claims({ claim, commitment }: { claim: ClaimPack; commitment: CommitmentDetail }) {
  const session = useSession();
  const changes = useChangesMoneyOf();
  const mayClaim = session.permissions.includes("money.write") && changes(commitment.owner?.id ?? null);
  const paying = new Set(claim.claims.flatMap((each) => (each.receiptId ? [each.receiptId] : [])));
  const receipts = commitment.receipts.filter((receipt) => !receipt.retiredAt && !paying.has(receipt.id));
  return (
    <Section id="claim-claims" title="Claims made">
      {claim.claims.length === 0 ? (
        <p>No claim has been recorded against this commitment.</p>
      ) : (
        <TableRegion label="Claims">
          <table>
            <caption>Claims made to the funder, the latest period first</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="money">
                  Claimed
                </th>
                <th scope="col">Claimed on</th>
                <th scope="col">Reference</th>
                <th scope="col">Paid</th>
              </tr>
            </thead>
            <tbody>
              {claim.claims.map((each) => (
                <tr key={each.id}>
                  <td>
                    {formatDate(each.periodFrom)} to {formatDate(each.periodTo)}
                  </td>
                  <td className="money">{formatPence(each.amountPence)}</td>
                  <td>{formatDate(each.claimedOn)}</td>
                  <td>{each.reference ?? "—"}</td>
                  <td>
                    {each.paidOn ? (
                      `Paid ${formatDate(each.paidOn)}`
                    ) : mayClaim ? (
                      <MarkPaid claimId={each.id} version={each.version} receipts={receipts} />
                    ) : (
                      "Not yet received"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {mayClaim && <RecordClaim commitmentId={commitment.id} period={claim.period} />}
    </Section>
  );
}

function MarkPaid({
  claimId,
  version,
  receipts,
}: {
  claimId: string;
  version: number;
  receipts: CommitmentDetail["receipts"];
}) {
  const id = useId();
  const [receiptId, setReceiptId] = useState("");
  const paid = useMarkClaimPaid();
  if (receipts.length === 0) return <>Not yet received (record the receipt when it arrives)</>;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (receiptId) paid.mutate({ id: claimId, paid: { version, receiptId } });
      }}
    >
      <label htmlFor={`${id}-receipt`}>Paid by the receipt</label>
      <select id={`${id}-receipt`} value={receiptId} onChange={(event) => setReceiptId(event.target.value)}>
        <option value="">Choose the receipt</option>
        {receipts.map((receipt) => (
          <option key={receipt.id} value={receipt.id}>
            {formatDate(receipt.receivedOn)}: {formatPence(receipt.amountPence)}
            {receipt.reference ? ` (${receipt.reference})` : ""}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary" disabled={paid.isPending || !receiptId}>
        Mark paid
      </button>
      {paid.isError && <p role="alert">{paid.error.message}</p>}
    </form>
  );
}

function RecordClaim({ commitmentId, period }: { commitmentId: string; period: { from: string; to: string } }) {
  const save = useCreateClaim();
  const returnTo = useReturnWithConfirmation();
  const key = useRef(newIdempotencyKey()).current;
  const form = useSchemaForm(CreateClaimRequest, {
    commitmentId,
    periodFrom: period.from,
    periodTo: period.to,
    claimedOn: todayInTheUk(),
    reference: "",
  });
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <div className="panel no-print">
      <h3>Record a claim made</h3>
      <SchemaForm
        form={form}
        what="claim"
        idPrefix="claim"
        submitLabel="Record the claim"
        onSubmit={async (claim) => {
          const recorded = await save.mutateAsync({ claim, key });
          returnTo(here, `The claim of ${formatPence(recorded.amountPence)} is recorded: claimed, not yet received.`);
        }}
      >
        <DateField name="periodFrom" label="For the period from" />
        <DateField name="periodTo" label="To" />
        <MoneyField name="amountPence" label="Amount claimed" hint="For example, 20,000 or 20000.00" />
        <DateField name="claimedOn" label="Claimed on" />
        <TextField name="reference" label="Reference (optional)" hint="The funder's or your claim reference." />
      </SchemaForm>
    </div>
  );
}
