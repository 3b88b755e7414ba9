import { formatDate, formatPence } from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useProgrammeDecisions } from "../api/decisions.ts";

/** The council decisions behind the programme: key or not, who made them, when. */
export function DecisionsSection({
  programme,
  canWrite,
}: {
  programme: Pick<ProgrammeDetail, "id">;
  canWrite: boolean;
}) {
  const decisions = useProgrammeDecisions(programme.id);
  const base = `/programmes/${programme.id}/decisions`;
  return (
    <Section
      id="decisions"
      title="Decisions"
      action={canWrite ? { to: `${base}/new`, label: "Record a decision" } : null}
    >
      <QuerySection query={decisions} what="decisions">
        {(list) =>
          list.decisions.length === 0 ? (
            <EmptyState>
              No decisions recorded yet. A finance officer records the decisions that authorise money.
            </EmptyState>
          ) : (
            <TableRegion label="Decisions">
              <table>
                <caption>Decisions about this programme, latest first</caption>
                <ColumnHeaders
                  columns={[
                    "Decision",
                    "Kind",
                    "Approved by",
                    "Decided",
                    "Outcome",
                    { figures: "Amount" },
                    ...(canWrite ? ["Change"] : []),
                  ]}
                />
                <tbody>
                  {list.decisions.map((decision) => (
                    <tr key={decision.id}>
                      <th scope="row">
                        {decision.title}
                        {decision.reference && <span className="hint"> ({decision.reference})</span>}
                      </th>
                      <td>
                        {decision.decisionType === "key" ? (
                          <StatusTag tone="blue">Key decision</StatusTag>
                        ) : (
                          "Not a key decision"
                        )}
                      </td>
                      <td>{decision.decisionMaker}</td>
                      <td>{decision.decidedOn ? formatDate(decision.decidedOn) : "Not yet"}</td>
                      <td>{decision.status}</td>
                      <td className="money">
                        {decision.amountPence === null ? "—" : formatPence(decision.amountPence)}
                      </td>
                      {canWrite && (
                        <td className="actions no-print">
                          <RowActions
                            about={decision.title}
                            links={[
                              [`${base}/${decision.id}/edit`, "Correct"],
                              [`${base}/${decision.id}/retire`, "Retire"],
                            ]}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )
        }
      </QuerySection>
    </Section>
  );
}
