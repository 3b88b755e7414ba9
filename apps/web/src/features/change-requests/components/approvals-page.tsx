import { formatPence } from "@fundline/domain";
import { MoneyTabs } from "../../../components/page/money-tabs.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { useSession } from "../../session/index.ts";
import { type ChangeRequestFilters, useChangeRequests } from "../api/change-requests.ts";
import { ChangeRequestItem } from "./change-request-item.tsx";

/**
 * Money changes above the council's approval threshold, waiting for a second person, and those
 * decided lately: the four-eyes check a council's financial regulations ask for.
 */
export function ApprovalsPage() {
  const session = useSession();
  const threshold = formatPence(session.user.organisation.approvalThresholdPence);
  return (
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <h2>Approvals</h2>
      <p>
        At {session.user.organisation.name}, recording, changing or retiring a commitment, allocation, receipt or
        cost-sharing agreement of more than {threshold}, or reversing a ledger import of more, waits for a second
        person. Another finance officer or an administrator approves it or rejects it with a reason; the person who
        asked never approves their own. Nothing in the figures moves until it is approved.
      </p>
      <RequestList
        title="Waiting for you"
        filters={{ awaitingMe: "true" }}
        empty="Nothing waits for your approval."
        show={(request) => request.requestedBy.id !== session.user.id}
      />
      <RequestList
        title="Asked by you, waiting for someone else"
        filters={{ status: "pending" }}
        empty="You have no change waiting for approval."
        show={(request) => request.requestedBy.id === session.user.id}
      />
      <RequestList
        title="Decided lately"
        filters={{}}
        empty="No change has been decided yet."
        show={(request) => request.status !== "pending"}
        limit={20}
      />
    </>
  );
}

function RequestList({
  title,
  filters,
  empty,
  show,
  limit,
}: {
  title: string;
  filters: ChangeRequestFilters;
  empty: string;
  show: (request: { requestedBy: { id: string }; status: string }) => boolean;
  limit?: number;
}) {
  const requests = useChangeRequests(filters);
  const id = `approvals-${title.toLowerCase().replaceAll(/[^a-z]+/g, "-")}`;
  return (
    <section className="page-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {requests.isPending ? (
        <Loading what="the change requests" />
      ) : requests.isError ? (
        <LoadFailure what="the change requests" error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        (() => {
          const shown = requests.data.changeRequests.filter(show).slice(0, limit);
          return shown.length === 0 ? (
            <p>{empty}</p>
          ) : (
            shown.map((request) => <ChangeRequestItem key={request.id} request={request} headingLevel={4} />)
          );
        })()
      )}
    </section>
  );
}
