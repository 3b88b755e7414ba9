// Where a ledger export's table is: real files open with a report's title lines, pad or recase
// their headers, name two columns alike, and end with a row that totals the file. These find the
// header row, make its names usable, and tell a totals row from a payment, without I/O.

/** A header as a person would type it: no BOM, no non-breaking or doubled spaces, no padding. */
export function cleanHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .replace(/[\s\u00a0\u2007\u202f]+/g, " ")
    .trim();
}

/**
 * Headers that name one column each: a second `Account Code` becomes `Account Code (2)`, and a
 * blank header `Column 7` (its place), so a mapping can name any column of the file.
 */
export function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header, index) => {
    const name = cleanHeader(header) || `Column ${index + 1}`;
    const key = name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/** How many rows from the top a header is looked for in, past a report's title lines. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * Which of the file's first rows is its header: the one with the most cells that name a column
 * a ledger has (`namesAColumn`), needing at least two; the first row when none does (a file of
 * the user's own headings, mapped by hand). Cells holding digits are values, not names.
 */
export function findHeaderRow(rows: string[][], namesAColumn: (header: string) => boolean): number {
  let best = 0;
  let bestScore = 1;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
    const score = cells.filter((cell) => {
      const name = cleanHeader(cell);
      return name !== "" && !/\d{2}/.test(name) && namesAColumn(name);
    }).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * A row that totals the file rather than records a payment: it has an amount but no date, no
 * supplier and no cost-line code (a footer `,,,,12345.67`, or `Total,,,,12345.67`).
 */
export function isTotalsRow(cells: { date: string; supplier: string; code: string; amount: string }): boolean {
  const blankOrTotal = (text: string) => text.trim() === "" || /^(grand )?totals?:?$/i.test(text.trim());
  return (
    cells.amount.trim() !== "" && blankOrTotal(cells.date) && blankOrTotal(cells.supplier) && blankOrTotal(cells.code)
  );
}
