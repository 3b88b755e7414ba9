import { can } from "@fundline/domain";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { AwaitingYourApproval } from "../../change-requests/index.ts";
import { DashboardPage } from "../../dashboard/index.ts";
import { DueMilestones } from "../../milestones/index.ts";
import { ProgrammesOverview } from "../../programmes/index.ts";
import { useSession } from "../../session/index.ts";

/**
 * Where each person starts. A programme manager's day starts with what is overdue or due soon;
 * everyone else with where the money and the delivery stand across their programmes.
 */
export function HomePage() {
  const session = useSession();
  if (session.user.role === "programme_manager") {
    return (
      <>
        <PageHeading>Your milestones and programmes</PageHeading>
        <DueMilestones canEdit={can(session.user.role, "delivery.write")} />
        <section aria-labelledby="programmes-title" className="page-section">
          <h2 id="programmes-title">Programmes</h2>
          <ProgrammesOverview />
        </section>
      </>
    );
  }
  return <DashboardPage notice={<AwaitingYourApproval />} />;
}
