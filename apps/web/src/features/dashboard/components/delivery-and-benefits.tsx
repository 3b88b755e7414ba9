import { formatDate } from "@fundline/domain";
import type { DashboardResponse } from "@fundline/schemas";
import { Link } from "react-router";
import { EmptyState } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { measurementInWords } from "../../../lib/measurements.ts";
import { timeTo } from "./dashboard-words.ts";

export function Delivery({ figures }: { figures: DashboardResponse }) {
  const { deliverables } = figures;
  return (
    <section aria-labelledby="delivery-title" className="page-section" id="delivery">
      <h2 id="delivery-title">Delivery by programme</h2>
      <p>
        Deliverables: {deliverables.achieved.toLocaleString("en-GB")} achieved of a target of{" "}
        {deliverables.target.toLocaleString("en-GB")}, across {deliverables.count.toLocaleString("en-GB")}{" "}
        {deliverables.count === 1 ? "deliverable" : "deliverables"}.
      </p>
      <TableRegion label="Delivery by programme">
        <table>
          <caption>
            Milestones by state, and deliverables, for each programme (those with most overdue first
            {figures.headline.programmes > figures.programmes.length ? `; the first ${figures.programmes.length}` : ""})
          </caption>
          <ColumnHeaders
            columns={[
              "Programme",
              { figures: "Overdue" },
              { figures: "At risk" },
              { figures: "On track" },
              { figures: "Complete" },
              { figures: "Deliverables achieved" },
            ]}
          />
          <tbody>
            {figures.programmes.map((programme) => (
              <tr key={programme.id}>
                <th scope="row">
                  <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
                </th>
                <td className="money">
                  {programme.overdue > 0 ? <StatusTag tone="red">{String(programme.overdue)}</StatusTag> : "0"}
                </td>
                <td className="money">{programme.atRisk}</td>
                <td className="money">{programme.onTrack}</td>
                <td className="money">{programme.complete}</td>
                <td className="money">
                  {programme.deliverablesTarget > 0
                    ? `${programme.deliverablesAchieved.toLocaleString("en-GB")} of ${programme.deliverablesTarget.toLocaleString("en-GB")}`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

export function Benefits({ benefits, today }: { benefits: DashboardResponse["benefits"]; today: string }) {
  return (
    <section aria-labelledby="benefits-title" className="page-section">
      <h2 id="benefits-title">Benefits against their targets</h2>
      {benefits.length === 0 ? (
        <EmptyState>No benefits recorded on these programmes.</EmptyState>
      ) : (
        <TableRegion label="Benefits against their targets">
          <table>
            <caption>Each benefit's latest reading against its baseline and target, soonest expected first</caption>
            <ColumnHeaders
              columns={[
                "Benefit",
                "Programme",
                { figures: "Baseline" },
                { figures: "Latest" },
                { figures: "Target" },
                "Expected by",
                "Time to benefit",
              ]}
            />
            <tbody>
              {benefits.map((benefit) => (
                <tr key={benefit.id}>
                  <th scope="row">
                    {benefit.name}
                    <span className="hint"> ({DIRECTION_WORDS[benefit.direction]})</span>
                  </th>
                  <td>
                    <Link to={`/programmes/${benefit.programme.id}#benefits`}>{benefit.programme.name}</Link>
                  </td>
                  <td className="money">{withUnit(benefit.baselineValue, benefit.unit)}</td>
                  <td className="money">
                    {benefit.latestReading
                      ? `${withUnit(benefit.latestReading.value, benefit.unit)} (${formatDate(benefit.latestReading.readOn)})`
                      : "No reading yet"}
                    {benefit.readingsAwaitingApproval > 0 && (
                      <span className="hint">
                        {" "}
                        {benefit.readingsAwaitingApproval === 1
                          ? "1 reading"
                          : `${benefit.readingsAwaitingApproval} readings`}{" "}
                        awaiting approval
                      </span>
                    )}
                  </td>
                  <td className="money">{benefit.targetText ?? withUnit(benefit.targetValue, benefit.unit)}</td>
                  <td>{benefit.expectedBy ? formatDate(benefit.expectedBy) : "—"}</td>
                  <td>{benefit.expectedBy ? timeTo(benefit.expectedBy, today) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

const DIRECTION_WORDS = { increase: "should go up", decrease: "should go down", achieve: "to be achieved" } as const;

function withUnit(value: string | null, unit: string): string {
  return value === null ? "—" : measurementInWords(value, unit);
}
