import { formatDate, formatDateTime, formatPence } from "@fundline/domain";
import type { ChangeRequestResponse } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useSession } from "../../session/index.ts";
import { useApproveChange, useRejectChange } from "../api/change-requests.ts";

const STATUS_WORDS: Record<ChangeRequestResponse["status"], string> = {
  pending: "Waiting for approval",
  approved: "Approved",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  outOfDate: "Out of date: the record changed before approval",
};

/** A field as people call it: `amountPence` → "amount", `receivedOn` → "received on". */
function fieldName(field: string): string {
  return field
    .replace(/Pence$/, "")
    .replace(/Id$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** A value as people read it: money in pounds, dates as dates, lists counted. */
function valueInWords(value: unknown, field: string): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field.endsWith("Pence") && typeof value === "number") return formatPence(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (Array.isArray(value)) {
    if (value.every((year) => typeof year === "object" && year && "financialYear" in year && "amountPence" in year)) {
      return value.map((year) => `${String(year.financialYear)}: ${formatPence(Number(year.amountPence))}`).join("; ");
    }
    if (value.every((share) => typeof share === "object" && share && "percentage" in share)) {
      return value.map((share) => `${Number(share.percentage)}%`).join(" / ");
    }
    return `${value.length} ${value.length === 1 ? "entry" : "entries"}`;
  }
  if (typeof value === "object") return "set";
  return String(value);
}

/** "+£25,000.00", "−£30,000.00": which way the figures would move. */
const signedPence = (pence: number) => `${pence >= 0 ? "+" : "−"}${formatPence(Math.abs(pence))}`;

/** Fields a person need not weigh: bookkeeping, not money. */
const UNWEIGHED = new Set(["retiredAt", "createdAt", "reversedAt", "setAsideRows", "createdBy"]);

/**
 * One change request: what it changes (before and after), who asked and why, and, for a finance
 * officer or administrator of the council who did not ask, approve or reject.
 */
export function ChangeRequestItem({
  request,
  headingLevel = 3,
}: {
  request: ChangeRequestResponse;
  headingLevel?: 3 | 4;
}) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const changes = request.changes.filter((change) => !UNWEIGHED.has(change.field));
  return (
    <article className="panel change-request" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{request.summary}</Heading>
      <p>
        <strong>{STATUS_WORDS[request.status]}.</strong> {formatPence(request.amountPence)} at stake; it would change
        the figures by <span className="nowrap">{signedPence(request.deltaPence)}</span>.
      </p>
      <p>
        Asked by {request.requestedBy.displayName}, {formatDateTime(request.requestedAt)}: “{request.reason}”
      </p>
      {changes.length > 0 && (
        <TableRegion label={`What ${request.summary} changes`}>
          <table>
            <caption>What it changes</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{fieldName(change.field)}</th>
                  <td>{request.before === null ? "new" : valueInWords(change.before, change.field)}</td>
                  <td>{valueInWords(change.after, change.field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {request.decidedAt && (
        <p>
          {STATUS_WORDS[request.status]} by {request.decidedBy?.displayName ?? "someone"},{" "}
          {formatDateTime(request.decidedAt)}
          {request.decisionNote ? `: “${request.decisionNote}”` : "."}
        </p>
      )}
      {request.status === "pending" && <Decision request={request} />}
    </article>
  );
}

function Decision({ request }: { request: ChangeRequestResponse }) {
  const id = useId();
  const session = useSession();
  const [note, setNote] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const approve = useApproveChange();
  const reject = useRejectChange();
  if (!session.permissions.includes("money.write")) return null;
  const askedByMe = request.requestedBy.id === session.user.id;
  const onReject = (event: FormEvent) => {
    event.preventDefault();
    reject.mutate({ request, reason });
  };
  const failure = approve.error ?? reject.error;
  return (
    <div className="decision">
      {askedByMe ? (
        <p>You asked for this change: another finance officer or an administrator of your council approves it.</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            approve.mutate({ request, note: note.trim() || undefined });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>Note with your approval (optional)</label>
            <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit" disabled={approve.isPending}>
            Approve<span className="visually-hidden"> {request.summary}</span>
          </button>
        </form>
      )}
      {!rejecting ? (
        <button type="button" className="secondary" onClick={() => setRejecting(true)}>
          {askedByMe ? "Withdraw" : "Reject"}
          <span className="visually-hidden"> {request.summary}</span>
        </button>
      ) : (
        <form onSubmit={onReject}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{askedByMe ? "Why withdraw it?" : "Why reject it?"}</label>
            <input id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="warning" disabled={reject.isPending}>
            {askedByMe ? "Withdraw the request" : "Reject the request"}
          </button>
        </form>
      )}
      {failure && <p role="alert">{failure.message}</p>}
    </div>
  );
}
