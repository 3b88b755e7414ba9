import { formatDate, formatDateTime, formatPence } from "@fundline/domain";
import type { AuditEventResponse, ProgrammeDetail } from "@fundline/schemas";
import { useState } from "react";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { useProgrammeHistory } from "../api/get-programme-history.ts";

const RECORD_KINDS: Record<string, string> = {
  Programme: "Programme",
  ProgrammePartner: "Partner",
  Workstream: "Workstream",
  Milestone: "Milestone",
  DeliverableTarget: "Deliverable",
  Benefit: "Benefit",
  BenefitReading: "Benefit reading",
  Risk: "Risk",
  Decision: "Decision",
  FundingCommitment: "Commitment",
  Allocation: "Allocation",
  Receipt: "Receipt",
  CostLine: "Cost line",
  CostSharingAgreement: "Cost-sharing agreement",
  Spend: "Spend",
};

const ACTIONS: Record<string, string> = {
  create: "added",
  update: "changed",
  retire: "retired",
  reinstate: "reinstated",
  import: "imported",
  reverse: "reversed",
};

/** Who changed what in the programme and its records, when, from what to what: newest first. */
export function ProgrammeHistorySection({ programme }: { programme: ProgrammeDetail }) {
  const [page, setPage] = useState(1);
  const history = useProgrammeHistory(programme.id, page);
  const names = recordNames(programme);
  return (
    <Section id="history" title="History">
      <QuerySection query={history} what="the programme's history">
        {(list) =>
          list.events.length === 0 ? (
            <EmptyState>No changes recorded yet.</EmptyState>
          ) : (
            <>
              <ol className="history">
                {list.events.map((event) => (
                  <HistoryEntry key={event.id} event={event} name={names.get(event.entityId)} />
                ))}
              </ol>
              <Pager
                label="Pages of the programme's history"
                page={list.page}
                pageSize={list.pageSize}
                total={list.total}
                onPage={setPage}
              />
            </>
          )
        }
      </QuerySection>
    </Section>
  );
}

function HistoryEntry({ event, name }: { event: AuditEventResponse; name: string | undefined }) {
  const kind = RECORD_KINDS[event.entityType] ?? event.entityType;
  const changes = Object.entries(event.changes).filter(([field]) => !HIDDEN_FIELDS.has(field));
  return (
    <li>
      <p>
        <strong>{formatDateTime(event.occurredAt)}</strong> · {personOf(event.actorLabel)}{" "}
        {ACTIONS[event.action] ?? event.action} {kind.toLowerCase()}
        {name && <>: “{name}”</>}
      </p>
      {event.action !== "create" && changes.length > 0 && (
        <ul className="changes">
          {changes.map(([field, change]) => (
            <li key={field}>
              {fieldInWords(field)}: {valueInWords(field, change.before)} → {valueInWords(field, change.after)}
            </li>
          ))}
        </ul>
      )}
      {event.reason && <p className="change-note">Reason: {event.reason}</p>}
    </li>
  );
}

// Bookkeeping every record carries; not what a board member means by "what changed".
const HIDDEN_FIELDS = new Set(["version", "id", "programmeId", "updatedAt", "createdAt"]);

/** The names the page already knows for each record, to say which one changed. */
function recordNames(programme: ProgrammeDetail): Map<string, string> {
  return new Map<string, string>([
    [programme.id, programme.name],
    ...programme.milestones.map((milestone) => [milestone.id, milestone.description] as [string, string]),
    ...programme.deliverableTargets.map((deliverable) => [deliverable.id, deliverable.description] as [string, string]),
    ...programme.benefits.map((benefit) => [benefit.id, benefit.name] as [string, string]),
    ...programme.risks.map((risk) => [risk.id, risk.title] as [string, string]),
    ...programme.workstreams.map((workstream) => [workstream.id, workstream.name] as [string, string]),
    ...programme.commitments.map((commitment) => [commitment.id, commitment.title] as [string, string]),
    ...programme.costLines.map((line) => [line.id, line.name] as [string, string]),
  ]);
}

/** "Morgan Manager <morgan@…>" as "Morgan Manager": the trail keeps the address for auditors. */
function personOf(actorLabel: string): string {
  return actorLabel.replace(/\s*<[^>]*>$/, "");
}

const FIELD_NAMES: Record<string, string> = {
  baselineOn: "Planned",
  forecastOn: "Forecast",
  actualOn: "Completed",
  readOn: "Date of the reading",
  achievedCount: "Number achieved",
  targetCount: "Target",
  ownerName: "Owner",
};

// The stored words for statuses, as the screens say them.
const VALUE_WORDS: Record<string, string> = {
  not_started: "not started",
  on_track: "on track",
  at_risk: "at risk",
  met: "complete",
  mitigating: "being mitigated",
  bid_submitted: "bid submitted",
  due_diligence: "due diligence",
  non_key: "not a key decision",
};

/** `forecastOn` → "Forecast"; `amountPence` → "Amount". */
function fieldInWords(field: string): string {
  if (FIELD_NAMES[field]) return FIELD_NAMES[field];
  const words = field
    .replace(/Pence$/, "")
    .replace(/On$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueInWords(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field.endsWith("Pence") && typeof value === "number") return formatPence(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return VALUE_WORDS[String(value)] ?? String(value).replaceAll("_", " ");
}
