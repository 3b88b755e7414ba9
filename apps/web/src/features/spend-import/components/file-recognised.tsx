import type { LedgerFileRecognised, SpendColumnMapping } from "@fundline/schemas";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { columnUse, recognisedFigures } from "./file-recognised-words.ts";

/** What Fundline understood of the file, shown before anything is written, to confirm or correct. */
export function FileRecognised({
  fileName,
  recognised,
  rowsTotalPence,
  mapping,
}: {
  fileName: string;
  recognised: LedgerFileRecognised;
  rowsTotalPence: number;
  /** The columns as chosen on the form now, which may differ from what the file was checked with. */
  mapping: Partial<SpendColumnMapping>;
}) {
  const fieldOf = new Map(Object.entries(mapping).map(([field, header]) => [header, field]));
  return (
    <>
      <FiguresTable
        caption={`What Fundline read in ${fileName}`}
        figures={recognisedFigures(recognised, rowsTotalPence)}
        words
      />
      <TableRegion label="Columns in the file">
        <table>
          <caption>Its columns, what each is read as, and its first values</caption>
          <thead>
            <tr>
              <th scope="col">Column, and what it is read as</th>
              <th scope="col">First values</th>
            </tr>
          </thead>
          <tbody>
            {recognised.columns.map((column) => (
              <tr key={column.header}>
                <th scope="row">
                  {column.header}
                  <span className="read-as">{columnUse(fieldOf.get(column.header) ?? null)}</span>
                </th>
                <td className="samples">
                  {column.samples.length > 0
                    ? column.samples.map((sample) => <span key={sample}>{sample}</span>)
                    : "(blank)"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
