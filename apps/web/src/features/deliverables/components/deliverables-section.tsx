import { formatDate } from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { Link } from "react-router";
import { NoneYet } from "../../../components/page/page-states.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";

/** Counted deliverables: "10 site visits hosted", with how many so far. */
export function DeliverablesSection({ programme, canEdit }: { programme: ProgrammeDetail; canEdit: boolean }) {
  const base = `/programmes/${programme.id}/deliverables`;
  const deliverables = programme.deliverableTargets;
  return (
    <Section
      id="deliverables"
      title="Deliverables"
      action={canEdit ? { to: `${base}/new`, label: "Add a deliverable" } : null}
    >
      {deliverables.length === 0 ? (
        <NoneYet what="deliverables" addTo={canEdit ? `${base}/new` : null} />
      ) : (
        <TableRegion label="Deliverables">
          <table>
            <caption>Each deliverable's target and how many are achieved so far</caption>
            <thead>
              <tr>
                <th scope="col">Deliverable</th>
                <th scope="col" className="money">
                  Target
                </th>
                <th scope="col" className="money">
                  Achieved
                </th>
                <th scope="col">Progress</th>
                <th scope="col">Due</th>
                {canEdit && (
                  <th scope="col" className="no-print">
                    <span className="visually-hidden">Action</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {deliverables.map((deliverable) => {
                const percent = Math.min(100, Math.round((deliverable.achievedCount / deliverable.targetCount) * 100));
                return (
                  <tr key={deliverable.id}>
                    <th scope="row">{deliverable.description}</th>
                    <td className="money">
                      {deliverable.atLeast && "at least "}
                      {deliverable.targetCount.toLocaleString("en-GB")}
                    </td>
                    <td className="money">{deliverable.achievedCount.toLocaleString("en-GB")}</td>
                    <td>
                      <meter
                        min={0}
                        max={100}
                        value={percent}
                        aria-label={`${deliverable.description}: ${percent}% achieved`}
                      />{" "}
                      {percent}%
                    </td>
                    <td>{deliverable.dueOn ? formatDate(deliverable.dueOn) : "—"}</td>
                    {canEdit && (
                      <td className="no-print">
                        <Link to={`${base}/${deliverable.id}/progress`}>
                          Record progress<span className="visually-hidden">: {deliverable.description}</span>
                        </Link>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Section>
  );
}
