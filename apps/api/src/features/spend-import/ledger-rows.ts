// One ledger row read into the fields a payment has, each checked as it is read (dates, money,
// text bounds), so the database receives values or a problem, never a half-read row.
import { hash } from "node:crypto";
import {
  isTotalsRow,
  type LedgerAmount,
  type LedgerDate,
  printable,
  type Reading,
  readLedgerAmount,
  readLedgerDate,
  readYesNo,
  textOutOfBounds,
} from "@fundline/domain";
import { SPEND_IMPORT_FIELDS, type SpendImportField } from "@fundline/schemas";
import type { Columns } from "./column-mapping.ts";
import { type LedgerCell, type LedgerRow, repairedText } from "./ledger-file.ts";
import type { StagedValue } from "./ledger-staging.ts";

const TEXT_LIMIT = 500;

/** What reading the rows found, for the preview to say: counted as rows are read. */
export type ReadingTally = {
  repairedCells: number;
  roundedAmounts: number;
  dateNotations: Map<string, number>;
  amountNotations: Map<string, number>;
  blankRows: number;
};

export const newTally = (): ReadingTally => ({
  repairedCells: 0,
  roundedAmounts: 0,
  dateNotations: new Map(),
  amountNotations: new Map(),
  blankRows: 0,
});

/**
 * Reads one row's fields, as the columns of `staged_spend` in order; every field that cannot be
 * read is named in the row's problem. `headerWidth`: a CSV row with other than the header's
 * number of fields is broken (an unquoted comma, a row cut short) and is set aside whole.
 */
export function stageRow(
  { line, cells }: LedgerRow,
  columns: Columns,
  sourceName: string,
  tally: ReadingTally = newTally(),
  headerWidth?: number,
): StagedValue[] {
  const problems: string[] = [];
  if (headerWidth !== undefined && cells.length !== headerWidth) {
    const extra = cells.slice(headerWidth).some((cell) => cell !== "");
    if (cells.length < headerWidth || extra) {
      // Its fields have moved (a comma unquoted, one cut short): none can be trusted, its amount included.
      const problem = `the row has ${cells.length} fields where the header has ${headerWidth}`;
      const rowKey = hash("sha256", `${sourceName}\u0000broken\u0000${line}\u0000${cells.join("\u0000")}`, "base64url");
      return [line, null, null, null, null, null, null, null, null, null, null, rowKey, false, printable(problem)];
    }
  }
  const cell = (field: SpendImportField): LedgerCell => {
    const index = columns[field];
    const value = index === undefined ? "" : (cells[index] ?? "");
    if (typeof value !== "string") return value;
    const repaired = repairedText(value);
    if (repaired === null) return value;
    tally.repairedCells++;
    return repaired;
  };
  const count = (notations: Map<string, number>, notation: string) =>
    notations.set(notation, (notations.get(notation) ?? 0) + 1);
  const read = <T>(field: SpendImportField, reading: Reading<T>): T | null => {
    if (reading.ok) return reading.value;
    problems.push(`${SPEND_IMPORT_FIELDS[field].label}: ${reading.reason}`);
    return null;
  };
  const text = (field: SpendImportField, required: boolean): string | null => {
    const value = cell(field);
    const trimmed = (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)).trim();
    if (!trimmed) {
      if (required) problems.push(`${SPEND_IMPORT_FIELDS[field].label}: is blank`);
      return null;
    }
    const outOfBounds = textOutOfBounds(trimmed, TEXT_LIMIT);
    if (outOfBounds) {
      problems.push(`${SPEND_IMPORT_FIELDS[field].label}: ${outOfBounds}`);
      return null;
    }
    return trimmed;
  };

  const rawDate = cell("spentOn");
  const date = read(
    "spentOn",
    typeof rawDate === "number" ? excelSerialDate(rawDate) : readLedgerDate(asText(rawDate)),
  );
  if (date) count(tally.dateNotations, date.notation);
  const spentOn = date?.isoDate ?? null;
  const money = read("amount", readLedgerAmount(asMoney(cell("amount"))));
  if (money) count(tally.amountNotations, money.notation);
  if (money?.rounded) tally.roundedAmounts++;
  const amount = money?.pence ?? null;
  if (amount === 0) problems.push(`${SPEND_IMPORT_FIELDS.amount.label}: is zero`);
  const vatCell = cell("irrecoverableVat");
  const vatReading: Reading<LedgerAmount> =
    vatCell === ""
      ? { ok: true, value: { pence: 0, rounded: false, notation: "" } }
      : readLedgerAmount(asMoney(vatCell));
  const vat = read("irrecoverableVat", vatReading)?.pence ?? null;
  if (vat !== null && vat < 0) problems.push(`${SPEND_IMPORT_FIELDS.irrecoverableVat.label}: is negative`);
  if (vat !== null && amount !== null && vat > Math.abs(amount)) {
    problems.push(`${SPEND_IMPORT_FIELDS.irrecoverableVat.label}: is more than the payment`);
  }
  const individualCell = cell("paidToIndividual");
  const paidToIndividual = read(
    "paidToIndividual",
    readYesNo(typeof individualCell === "boolean" ? individualCell : String(individualCell)),
  );
  const code = text("costLineCode", true);
  const supplier = text("supplierName", true);
  const transactionId = text("transactionId", false);
  const reference = text("reference", false);

  const department = text("department", false);
  const purpose = text("purpose", false);
  const merchantCategory = text("merchantCategory", false);

  // A row's identity: the ledger's transaction number when it has one, else what it says.
  const identity = transactionId
    ? `id\u0000${transactionId}`
    : [spentOn, amount, code?.toLowerCase(), supplier, reference].join("\u0000");
  // The one-shot hash: a hash object per row costs about twice as much.
  const rowKey = hash("sha256", `${sourceName}\u0000${identity}`, "base64url");
  return [
    line,
    spentOn,
    amount,
    vat,
    code,
    supplier,
    reference,
    department,
    purpose,
    merchantCategory,
    paidToIndividual,
    rowKey,
    transactionId !== null,
    // Reasons quote what the row said, which may hold characters PostgreSQL refuses (NUL).
    problems.length ? printable(problems.join("; ")) : null,
  ];
}

/**
 * The file's own total when `row` (its last) is one: blank but for its amount, or labelled
 * "Total". Null when it is a payment. Its amount is null when it cannot be read.
 */
export function footerOf(
  { line, cells }: LedgerRow,
  columns: Columns,
): { line: number; totalPence: number | null } | null {
  const text = (field: SpendImportField) => {
    const index = columns[field];
    const value = index === undefined ? "" : (cells[index] ?? "");
    return value instanceof Date ? "a date" : String(value);
  };
  const footer = isTotalsRow({
    date: text("spentOn"),
    supplier: text("supplierName"),
    code: text("costLineCode"),
    amount: text("amount"),
  });
  if (!footer) return null;
  const index = columns.amount;
  const amount = readLedgerAmount(asMoney(index === undefined ? "" : (cells[index] ?? "")));
  return { line, totalPence: amount.ok ? amount.value.pence : null };
}

const asText = (cell: LedgerCell): string | Date =>
  cell instanceof Date ? cell : typeof cell === "string" ? cell : String(cell);
const asMoney = (cell: LedgerCell): string | number =>
  typeof cell === "number" ? cell : cell instanceof Date ? "a date" : String(cell);

/** Excel keeps dates as days since 30 December 1899 when a cell is not formatted as a date. */
function excelSerialDate(serial: number): Reading<LedgerDate> {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) {
    return { ok: false, reason: `${serial} is not a date` };
  }
  const reading = readLedgerDate(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
  return reading.ok ? { ok: true, value: { ...reading.value, notation: "an Excel date number" } } : reading;
}
