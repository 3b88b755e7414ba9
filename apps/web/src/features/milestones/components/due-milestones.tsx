import { addDays, formatDate, todayInTheUk } from "@fundline/domain";
import type { MilestoneInList } from "@fundline/schemas";
import { Link } from "react-router";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { useDueMilestones } from "../api/milestones.ts";
import { dueOn, MILESTONE_STATUS } from "./milestone-words.ts";

export const DUE_WITHIN_DAYS = 30;

/**
 * A programme manager's first view: milestones overdue or due in the next 30 days on their
 * programmes, soonest first, each one a click from being marked complete or moved.
 */
export function DueMilestones({ canEdit }: { canEdit: boolean }) {
  const today = todayInTheUk();
  const due = useDueMilestones(addDays(today, DUE_WITHIN_DAYS));
  return (
    <section aria-labelledby="due-milestones-title" className="page-section">
      <h2 id="due-milestones-title">Milestones overdue or due in the next {DUE_WITHIN_DAYS} days</h2>
      <QuerySection query={due} what="milestones due">
        {(list) => {
          const milestones = [...list.milestones].sort((a, b) => dueOn(a).localeCompare(dueOn(b)));
          const overdue = milestones.filter((milestone) => dueOn(milestone) < today);
          const soon = milestones.filter((milestone) => dueOn(milestone) >= today);
          if (milestones.length === 0) {
            return <EmptyState>Nothing is overdue or due in the next {DUE_WITHIN_DAYS} days.</EmptyState>;
          }
          return (
            <>
              <DueList title={`Overdue (${overdue.length})`} id="overdue" milestones={overdue} canEdit={canEdit} />
              <DueList title={`Due soon (${soon.length})`} id="due-soon" milestones={soon} canEdit={canEdit} />
            </>
          );
        }}
      </QuerySection>
    </section>
  );
}

function DueList({
  title,
  id,
  milestones,
  canEdit,
}: {
  title: string;
  id: string;
  milestones: MilestoneInList[];
  canEdit: boolean;
}) {
  if (milestones.length === 0) return null;
  return (
    <>
      <h3 id={id}>{title}</h3>
      <ul className="due-list" aria-labelledby={id}>
        {milestones.map((milestone) => {
          const base = `/programmes/${milestone.programmeId}/milestones/${milestone.id}`;
          const status = MILESTONE_STATUS[milestone.status];
          return (
            <li key={milestone.id} className="card">
              <p className="caption">
                <Link to={`/programmes/${milestone.programmeId}`}>{milestone.programmeName}</Link>
              </p>
              <h4>{milestone.description}</h4>
              <p>
                Due {formatDate(dueOn(milestone))} <StatusTag tone={status.tone}>{status.label}</StatusTag>
              </p>
              {canEdit && (
                <p className="actions">
                  <Link to={`${base}/complete`}>
                    Mark complete<span className="visually-hidden">: {milestone.description}</span>
                  </Link>
                  <Link to={`${base}/reschedule`}>
                    Move forecast or change status<span className="visually-hidden">: {milestone.description}</span>
                  </Link>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
