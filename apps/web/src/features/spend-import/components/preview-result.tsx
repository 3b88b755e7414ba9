import { formatPence } from "@fundline/domain";
import type { SpendImportResult } from "@fundline/schemas";
import type { ReactNode } from "react";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";

const WARNING_NAMES = {
  outsideProgrammeDates: "Outside the programme's dates",
  moreThanLineHasLeft: "More than the line has left",
} as const;
const KIND_NAMES = {
  field: "Cannot be read",
  costLine: "Not a line you import to",
  closedPeriod: "In a closed period",
  duplicate: "Duplicate",
  unmatched: "Code no cost line has",
} as const;

/** Each row set aside (the first 1,000), its line and why. */
export function SetAsideTable({ result, caption }: { result: SpendImportResult; caption: string }) {
  return (
    <TableRegion label={caption}>
      <table>
        <caption>
          {caption}
          {result.skipped > result.problems.length
            ? ` (the first ${result.problems.length.toLocaleString("en-GB")} of ${result.skipped.toLocaleString("en-GB")})`
            : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {result.problems.map((problem) => (
            <tr key={problem.line}>
              <td>{problem.line}</td>
              <td>{KIND_NAMES[problem.kind]}</td>
              <td>{problem.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

const rowsAndPence = (rows: number, pence: number) => (
  <>
    {rows.toLocaleString("en-GB")} {rows === 1 ? "row" : "rows"}, <span className="amount">{formatPence(pence)}</span>
  </>
);

/** Where every row of the file goes: imported, set aside or unmatched, adding up to the file's total. */
export function accounts(preview: SpendImportResult): [string, ReactNode][] {
  const figures: [string, ReactNode][] = [
    ["In the file", rowsAndPence(preview.rows, preview.rowsTotalPence)],
    ["To import", rowsAndPence(preview.importable, preview.importablePence)],
    [
      "Set aside",
      <>
        {rowsAndPence(preview.setAside, preview.setAsidePence)}
        {preview.duplicates > 0 ? ` (${preview.duplicates.toLocaleString("en-GB")} duplicates)` : ""}
      </>,
    ],
    ["Unmatched (no cost line has the code)", rowsAndPence(preview.unmatched, preview.unmatchedPence)],
  ];
  if (preview.unreadableAmounts > 0) {
    figures.push(["Amount unreadable (set aside, in no total)", preview.unreadableAmounts.toLocaleString("en-GB")]);
  }
  return figures;
}

/** What importing the file would do, row by row where a row needs a look, before anything is written. */
export function PreviewResult({
  preview,
  onImport,
  busy,
}: {
  preview: SpendImportResult;
  onImport: () => void;
  busy: boolean;
}) {
  return (
    <>
      <FiguresTable
        caption={`What importing ${preview.fileName} would do: every row accounted for`}
        figures={accounts(preview)}
      />
      {preview.unmatchedCodes.length > 0 && (
        <TableRegion label="Unmatched codes">
          <table>
            <caption>
              Codes no cost line has: their rows are not imported
              {preview.unmatchedCodes.length >= 100 ? " (the 100 largest)" : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Code in the file</th>
                <th scope="col" className="money">
                  Rows
                </th>
                <th scope="col" className="money">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.unmatchedCodes.map((code) => (
                <tr key={code.code}>
                  <th scope="row">{code.code}</th>
                  <td className="money">{code.rows.toLocaleString("en-GB")}</td>
                  <td className="money">{formatPence(code.totalPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {preview.warnings.length > 0 && (
        <TableRegion label="Rows to check">
          <table>
            <caption>
              {preview.warningCount.toLocaleString("en-GB")} {preview.warningCount === 1 ? "row" : "rows"} will be
              imported but raise a finding: check {preview.warningCount === 1 ? "it" : "them"} first
              {preview.warnings.length >= 1_000 ? " (the first 1,000 findings)" : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Finding</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {preview.warnings.map((warning) => (
                <tr key={`${warning.line}-${warning.kind}`}>
                  <td>{warning.line}</td>
                  <td>{WARNING_NAMES[warning.kind]}</td>
                  <td>{warning.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {preview.problems.length > 0 && <SetAsideTable result={preview} caption="Rows that will be set aside, and why" />}
      {preview.sample.length > 0 && (
        <TableRegion label="The first rows to be imported">
          <table>
            <caption>The first rows to be imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Supplier</th>
                <th scope="col">Cost line</th>
                <th scope="col">Programme</th>
                <th scope="col" className="money">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.spentOn}</td>
                  <td>{row.supplierName}</td>
                  <td>{row.costLine}</td>
                  <td>{row.programme}</td>
                  <td className="money">{formatPence(row.amountPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <button type="button" onClick={onImport} disabled={busy || preview.importable === 0}>
        Import {preview.importable.toLocaleString("en-GB")} rows ({formatPence(preview.importablePence)})
      </button>
    </>
  );
}
