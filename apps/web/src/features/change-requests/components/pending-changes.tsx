import { formatPence } from "@fundline/domain";
import { Link } from "react-router";
import { useSession } from "../../session/index.ts";
import { type ChangeRequestFilters, useChangeRequests } from "../api/change-requests.ts";
import { ChangeRequestItem } from "./change-request-item.tsx";

/**
 * The changes to a record still waiting for a second person, on the record's own page: what
 * each would change, and (for those who may) approve or reject.
 */
export function PendingChanges({ filters, what }: { filters: ChangeRequestFilters; what: string }) {
  const pending = useChangeRequests({ ...filters, status: "pending" });
  const requests = pending.data?.changeRequests ?? [];
  if (requests.length === 0) return null;
  return (
    <section className="page-section pending-changes" aria-labelledby="pending-changes-title">
      <h2 id="pending-changes-title">Waiting for approval</h2>
      <p>
        {requests.length === 1 ? "One change" : `${requests.length} changes`} to {what} wait for a second person; the
        figures on this page are as they stand until then.
      </p>
      {requests.map((request) => (
        <ChangeRequestItem key={request.id} request={request} />
      ))}
    </section>
  );
}

/** "£25,000.00 pending approval", beside a programme's reconciled figures. */
export function PendingApprovalTotal({ programmeId }: { programmeId: string }) {
  const pending = useChangeRequests({ programmeId, status: "pending" });
  const count = pending.data?.changeRequests.length ?? 0;
  if (count === 0) return null;
  const delta = pending.data?.pendingDeltaPence ?? 0;
  return (
    <p className="pending-total">
      <strong>
        {delta < 0 ? "−" : ""}
        {formatPence(Math.abs(delta))} pending approval
      </strong>{" "}
      ({count === 1 ? "one change" : `${count} changes`} waiting for a second person; not yet in these figures).{" "}
      <Link to="/money/approvals">See the approvals</Link>
    </p>
  );
}

/** On a finance officer's home page: what waits for them to approve. */
export function AwaitingYourApproval() {
  const session = useSession();
  const mayDecide = session.permissions.includes("money.write");
  const awaiting = useChangeRequests({ awaitingMe: "true" }, { enabled: mayDecide });
  const count = awaiting.data?.changeRequests.length ?? 0;
  if (!mayDecide || count === 0) return null;
  return (
    <section className="panel awaiting-approval no-print" aria-labelledby="awaiting-approval-title">
      <h2 id="awaiting-approval-title">Waiting for your approval</h2>
      <p>
        {count === 1 ? "One money change waits" : `${count} money changes wait`} for you to approve or reject:{" "}
        {awaiting.data?.changeRequests
          .slice(0, 3)
          .map((request) => request.summary)
          .join("; ")}
        {count > 3 ? "; …" : ""}
      </p>
      <p>
        <Link to="/money/approvals">Review the changes waiting for approval</Link>
      </p>
    </section>
  );
}
