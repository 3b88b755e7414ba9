import type { ReactNode } from "react";
import { TableRegion } from "./table-region.tsx";

/** A captioned table of named figures: each row a heading (what) and its figure, right-aligned. */
export function FiguresTable({ caption, figures }: { caption: ReactNode; figures: [string, ReactNode][] }) {
  return (
    <TableRegion label="Figures">
      <table className="figures">
        <caption>{caption}</caption>
        <tbody>
          {figures.map(([name, figure]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="money">{figure}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
