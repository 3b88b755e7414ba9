import type { ReactNode } from "react";

/** A captioned table of named figures: each row a heading (what) and its figure, right-aligned. */
export function FiguresTable({ caption, figures }: { caption: ReactNode; figures: [string, ReactNode][] }) {
  return (
    <table>
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
  );
}
