// What the import understood of a file, said back to the person importing it before anything
// is written: read from the rows above the first payments and from the tally kept as rows are read.
import { printable, toIsoDate } from "@fundline/domain";
import type { LedgerFileRecognised } from "@fundline/schemas";
import { type LedgerRow, repairedText, type SpooledFile } from "./ledger-file.ts";
import type { ReadingTally } from "./ledger-rows.ts";

/** Sample values shown for each column, and the most of any one shown. */
const SAMPLES = 3;
const SAMPLE_CHARACTERS = 60;

type Layout = {
  file: SpooledFile;
  header: LedgerRow | undefined;
  /** How many rows stood above the header. */
  preambleRows: number;
  headers: string[];
  /** The first rows after the header, read ahead while finding it. */
  firstRows: LedgerRow[];
  /** Which field each column fills, by its header: the mapping used or suggested. */
  mapping: Record<string, string | undefined>;
  /** The known layout the mapping was taken from, if it was. */
  layoutName: string | null;
};

export type Footer = { line: number; totalPence: number | null };

/**
 * The file as understood. `tally` and `footer` are known only once every row is read (before
 * then, no notations and no footer); `rowsTotalPence` is the sum of the rows' amounts.
 */
export function recognised(
  layout: Layout,
  tally?: ReadingTally,
  footer?: Footer | null,
  rowsTotalPence?: number,
): LedgerFileRecognised {
  const fieldOf = new Map(
    Object.entries(layout.mapping).flatMap(([field, header]) => (header === undefined ? [] : [[header, field]])),
  );
  return {
    encoding: layout.file.encoding,
    layout: layout.layoutName,
    headerLine: layout.header?.line ?? 0,
    preambleLines: layout.preambleRows,
    columns: layout.headers.map((header, index) => ({
      header,
      field: fieldOf.get(header) ?? null,
      samples: samplesOf(layout.firstRows, index),
    })),
    dateNotations: notations(tally?.dateNotations),
    amountNotations: notations(tally?.amountNotations),
    roundedAmounts: tally?.roundedAmounts ?? 0,
    repairedCells: tally?.repairedCells ?? 0,
    blankRows: tally?.blankRows ?? 0,
    footer: footer ? { ...footer, matches: footer.totalPence !== null && footer.totalPence === rowsTotalPence } : null,
  };
}

/** A column's first different values, as the file wrote them (text mangled before, as meant). */
function samplesOf(rows: LedgerRow[], index: number): string[] {
  const samples = new Set<string>();
  for (const row of rows) {
    const cell = row.cells[index];
    const text = cell instanceof Date ? toIsoDate(cell) : String(cell ?? "").trim();
    if (text) samples.add(printable(repairedText(text) ?? text).slice(0, SAMPLE_CHARACTERS));
    if (samples.size === SAMPLES) break;
  }
  return [...samples];
}

/** The ways a field was written, the most used first. */
function notations(counted: Map<string, number> | undefined) {
  return [...(counted ?? [])]
    .map(([notation, rows]) => ({ notation, rows }))
    .sort((a, b) => b.rows - a.rows || a.notation.localeCompare(b.notation));
}
