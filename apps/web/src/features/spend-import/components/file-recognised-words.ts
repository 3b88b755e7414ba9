// What the import understood of a file, in the words a finance officer reads it in.
import { formatPence } from "@fundline/domain";
import { type LedgerFileRecognised, SPEND_IMPORT_FIELDS, type SpendImportField } from "@fundline/schemas";

const count = (n: number) => n.toLocaleString("en-GB");
const rows = (n: number) => `${count(n)} ${n === 1 ? "row" : "rows"}`;

/** Each way a field was written, with how many rows wrote it so: "dd/mm/yyyy (1,204 rows)". */
const notations = (written: LedgerFileRecognised["dateNotations"]) =>
  written.map(({ notation, rows: used }) => `${notation} (${rows(used)})`).join(", ");

/** The figures said about the file: only those it has (a file with no footer is not told it lacks one). */
export function recognisedFigures(recognised: LedgerFileRecognised, rowsTotalPence: number): [string, string][] {
  const figures: [string, string][] = [
    ["Text encoding", recognised.encoding === "XLSX" ? "an Excel workbook (XLSX)" : recognised.encoding],
    [
      "Columns read as",
      recognised.layout
        ? `the ${recognised.layout} layout`
        : "the columns chosen below (check each, then check the file again)",
    ],
    [
      "Header row",
      recognised.preambleLines > 0
        ? `line ${count(recognised.headerLine)}, below ${rows(recognised.preambleLines)} of report title`
        : `line ${count(recognised.headerLine)}`,
    ],
  ];
  if (recognised.dateNotations.length > 0) figures.push(["Dates written as", notations(recognised.dateNotations)]);
  if (recognised.amountNotations.length > 0) {
    figures.push(["Amounts written as", notations(recognised.amountNotations)]);
  }
  if (recognised.roundedAmounts > 0) {
    figures.push([
      "Amounts rounded to the penny",
      `${count(recognised.roundedAmounts)} (digits past the penny, such as 977.5999999999999, rounded half away from zero)`,
    ]);
  }
  if (recognised.repairedCells > 0) {
    figures.push([
      "Text repaired",
      `${count(recognised.repairedCells)} ${recognised.repairedCells === 1 ? "cell" : "cells"} mangled by an earlier conversion (such as Â£ for £)`,
    ]);
  }
  if (recognised.blankRows > 0) figures.push(["Blank rows left out", count(recognised.blankRows)]);
  const footer = recognised.footer;
  if (footer) {
    figures.push([
      "Total at the foot of the file",
      footer.totalPence === null
        ? `line ${count(footer.line)}: its amount cannot be read`
        : footer.matches
          ? `${formatPence(footer.totalPence)} on line ${count(footer.line)}: equals the rows' total`
          : `${formatPence(footer.totalPence)} on line ${count(footer.line)}: the rows come to ${formatPence(rowsTotalPence)}, ${formatPence(Math.abs(footer.totalPence - rowsTotalPence))} ${footer.totalPence > rowsTotalPence ? "less" : "more"}`,
    ]);
  }
  return figures;
}

/** The field a column fills, as the mapping names it, or that it is not read. */
export function columnUse(field: string | null): string {
  return field && field in SPEND_IMPORT_FIELDS ? SPEND_IMPORT_FIELDS[field as SpendImportField].label : "Not read";
}
