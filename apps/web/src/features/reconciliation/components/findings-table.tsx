import { can } from "@fundline/domain";
import type { PortfolioFlag, ReconciliationFlag } from "@fundline/schemas";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useSession } from "../../session/index.ts";
import { findingLinks } from "./finding-links.ts";
import { CODE_NAMES, SEVERITY_NAMES } from "./flag-names.ts";

/**
 * Reconciliation findings, one a row: severity, what kind, the sentence with its figures, and
 * links to the records behind it and the form that would resolve it. Findings from the portfolio
 * also name their programme.
 */
export function FindingsTable({
  caption,
  flags,
  programmeId,
}: {
  caption: ReactNode;
  flags: ReconciliationFlag[] | PortfolioFlag[];
  /** The programme, when every finding is one programme's. */
  programmeId?: string;
}) {
  const session = useSession();
  const canWriteMoney = can(session.user.role, "money.write");
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
            <th scope="col" className="no-print">
              Records and what to do
            </th>
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
              <td className="no-print">
                <ul className="finding-links">
                  {findingLinks(flag, "programme" in flag ? flag.programme.id : (programmeId ?? ""), canWriteMoney).map(
                    (link) => (
                      <li key={link.to + link.label}>
                        <Link to={link.to}>{link.label}</Link>
                      </li>
                    ),
                  )}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
