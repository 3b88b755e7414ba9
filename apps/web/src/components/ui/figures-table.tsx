import type { ReactNode } from "react";
import { TableRegion } from "./table-region.tsx";

/**
 * A captioned table of named figures: each row a heading (what) and its figure, right-aligned
 * as numbers are; `words` when the figures are sentences, which read better from the left.
 */
export function FiguresTable({
  caption,
  figures,
  words = false,
}: {
  caption: ReactNode;
  figures: [string, ReactNode][];
  words?: boolean;
}) {
  return (
    <TableRegion label="Figures">
      <table className="figures">
        <caption>{caption}</caption>
        <tbody>
          {figures.map(([name, figure]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className={words ? undefined : "money"}>{figure}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
