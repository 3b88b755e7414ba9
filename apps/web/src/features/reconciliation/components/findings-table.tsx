import type { PortfolioFlag, ReconciliationFlag } from "@fundline/schemas";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { CODE_NAMES, SEVERITY_NAMES } from "./flag-names.ts";

/**
 * Reconciliation findings, one a row: severity, what kind, and the sentence with its figures.
 * Findings from the portfolio also name their programme, linked to its reconciliation.
 */
export function FindingsTable({
  caption,
  flags,
}: {
  caption: ReactNode;
  flags: ReconciliationFlag[] | PortfolioFlag[];
}) {
  const withProgrammes = flags.some((flag) => "programme" in flag);
  return (
    <TableRegion label="Findings">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {withProgrammes && <th scope="col">Programme</th>}
            <th scope="col">Finding</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => (
            <tr
              key={`${"programme" in flag ? flag.programme.id : ""}-${flag.code}-${flag.subject.id}-${JSON.stringify(flag.figures)}`}
            >
              <td>{SEVERITY_NAMES[flag.severity]}</td>
              {"programme" in flag && (
                <td>
                  <Link to={`/programmes/${flag.programme.id}`}>{flag.programme.name}</Link>
                </td>
              )}
              <td>{CODE_NAMES[flag.code]}</td>
              <td>{flag.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
