import { formatDate, formatDateTime, formatPlannedDate } from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { Link } from "react-router";
import { NoneYet } from "../../../components/page/page-states.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { dueOn, isOutstanding, MILESTONE_STATUS, slippageInWords } from "./milestone-words.ts";

type Milestone = ProgrammeDetail["milestones"][number];

/**
 * The programme's milestones on a timeline, in plan order: each one's baseline as written
 * ("Spring 2022"), forecast and actual dates, slippage, status and the history of its changes.
 */
export function MilestonesSection({
  programme,
  canEdit,
  today,
}: {
  programme: ProgrammeDetail;
  canEdit: boolean;
  today: string;
}) {
  const base = `/programmes/${programme.id}/milestones`;
  const workstreams = new Map(programme.workstreams.map((workstream) => [workstream.id, workstream.name]));
  return (
    <Section
      id="milestones"
      title="Milestones"
      action={canEdit ? { to: `${base}/new`, label: "Add a milestone" } : null}
    >
      {programme.milestones.length === 0 ? (
        <NoneYet what="milestones" addTo={canEdit ? `${base}/new` : null} />
      ) : (
        <>
          <StatusCounts milestones={programme.milestones} today={today} />
          <ol className="timeline">
            {programme.milestones.map((milestone) => (
              <MilestoneEntry
                key={milestone.id}
                milestone={milestone}
                workstream={milestone.workstreamId ? workstreams.get(milestone.workstreamId) : undefined}
                overdue={isOutstanding(milestone) && dueOn(milestone) < today}
                editBase={canEdit && isOutstanding(milestone) ? `${base}/${milestone.id}` : null}
              />
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

/** "5 milestones: 1 complete, 2 on track, 1 at risk, 1 delayed; 1 overdue". */
function StatusCounts({ milestones, today }: { milestones: Milestone[]; today: string }) {
  const counts = Object.entries(MILESTONE_STATUS).flatMap(([status, words]) => {
    const count = milestones.filter((milestone) => milestone.status === status).length;
    return count > 0 ? [`${count} ${words.label.toLowerCase()}`] : [];
  });
  const overdue = milestones.filter((milestone) => isOutstanding(milestone) && dueOn(milestone) < today).length;
  return (
    <p className="status-counts" data-testid="milestone-counts">
      {milestones.length} {milestones.length === 1 ? "milestone" : "milestones"}: {counts.join(", ")}
      {overdue > 0 && `; ${overdue} overdue`}
    </p>
  );
}

function MilestoneEntry({
  milestone,
  workstream,
  overdue,
  editBase,
}: {
  milestone: Milestone;
  workstream: string | undefined;
  overdue: boolean;
  editBase: string | null;
}) {
  const status = MILESTONE_STATUS[milestone.status];
  return (
    <li className={`timeline-entry timeline-${status.tone}`} id={`milestone-${milestone.id}`}>
      <h3 className="timeline-title">{milestone.description}</h3>
      <p className="timeline-tags">
        <StatusTag tone={status.tone}>{status.label}</StatusTag>
        {overdue && <StatusTag tone="red">Overdue</StatusTag>}
        {workstream && <span className="hint">{workstream}</span>}
      </p>
      <dl className="facts">
        <div>
          <dt>Planned</dt>
          <dd>{formatPlannedDate(milestone.baselineOn, milestone.baselinePrecision, milestone.baselineLabel)}</dd>
        </div>
        <div>
          <dt>Forecast</dt>
          <dd>{milestone.forecastOn ? formatDate(milestone.forecastOn) : "None"}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{milestone.actualOn ? formatDate(milestone.actualOn) : "Not yet"}</dd>
        </div>
        <div>
          <dt>Slippage</dt>
          <dd>{slippageInWords(milestone.slippageDays)}</dd>
        </div>
        {milestone.ownerName && (
          <div>
            <dt>Owner</dt>
            <dd>{milestone.ownerName}</dd>
          </div>
        )}
        {milestone.output && (
          <div>
            <dt>Output</dt>
            <dd>{milestone.output}</dd>
          </div>
        )}
        {milestone.evidence && (
          <div>
            <dt>Evidence</dt>
            <dd>{milestone.evidence}</dd>
          </div>
        )}
      </dl>
      {editBase && (
        <p className="actions no-print">
          <Link to={`${editBase}/complete`}>
            Mark complete<span className="visually-hidden">: {milestone.description}</span>
          </Link>
          <Link to={`${editBase}/reschedule`}>
            Move forecast or change status<span className="visually-hidden">: {milestone.description}</span>
          </Link>
        </p>
      )}
      {milestone.history.length > 0 && <MilestoneHistory history={milestone.history} />}
    </li>
  );
}

function MilestoneHistory({ history }: { history: Milestone["history"] }) {
  return (
    <details className="milestone-history">
      <summary>
        History ({history.length} {history.length === 1 ? "change" : "changes"})
      </summary>
      <ol>
        {history.map((change) => (
          <li key={change.changedAt}>
            <strong>{formatDateTime(change.changedAt)}</strong>
            {change.changedBy && `, ${change.changedBy}`}: {changeInWords(change).join("; ")}
            {change.note && <span className="change-note"> Reason: {change.note}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function changeInWords(change: Milestone["history"][number]): string[] {
  const words: string[] = [];
  const date = (iso: string | null) => (iso ? formatDate(iso) : "none");
  if (change.statusBefore !== change.statusAfter) {
    const label = (status: typeof change.statusAfter) => (status ? MILESTONE_STATUS[status].label : "none");
    words.push(`status ${label(change.statusBefore)} → ${label(change.statusAfter)}`);
  }
  if (change.forecastBefore !== change.forecastAfter) {
    words.push(`forecast ${date(change.forecastBefore)} → ${date(change.forecastAfter)}`);
  }
  if (change.actualBefore !== change.actualAfter) {
    words.push(`completed ${date(change.actualBefore)} → ${date(change.actualAfter)}`);
  }
  return words.length > 0 ? words : ["no change to status or dates"];
}
