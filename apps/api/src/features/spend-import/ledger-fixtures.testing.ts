// Realistic ledger files for the tests, made here rather than kept as opaque blobs: a few
// thousand payments, written in one council system's layout, encoding and notations, with the
// quirks real published files carry, and the figures an import of each must come to, to the penny.
import ExcelJS from "exceljs";

/** A seeded generator, so a file is the same on every run (mulberry32). */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(list: T[]) => list[Math.floor(next() * list.length)] as T,
  };
}

export type Payment = { id: string; isoDate: string; code: string; supplier: string; purpose: string; pence: number };

/** How a layout writes each field. */
export type Layout = {
  name: string;
  header: string[];
  /** The payment's cells in the header's order. */
  cells: (payment: Payment, amount: string, date: string) => string[];
  amount: (pence: number) => string;
  date: (isoDate: string) => string;
  encoding: "utf8" | "utf8-bom" | "win1252" | "xlsx";
  /** A report's title lines above the header. */
  preamble?: string[];
  /** A last row totalling the file. */
  footer?: (totalPence: number, width: number) => string[];
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const [pounds, grouped] = [
  (pence: number) =>
    `${pence < 0 ? "-" : ""}${Math.trunc(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, "0")}`,
  (pence: number) => {
    const [whole, fraction] = pounds(Math.abs(pence)).split(".");
    return `${whole?.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
  },
];

/** Notations: each as a layout's system writes an amount of pence. */
export const AMOUNTS = {
  plain: pounds,
  /** `"1,234.56"`, negatives `"-1,234.56"`. */
  grouped: (pence: number) => `"${pence < 0 ? "-" : ""}${grouped(pence)}"`,
  /** `£1,234.56` quoted; negatives in brackets. */
  poundsBrackets: (pence: number) => (pence < 0 ? `"(£${grouped(pence)})"` : `"£${grouped(pence)}"`),
  /** Credits marked `CR`. */
  creditMarked: (pence: number) => `"${grouped(pence)}${pence < 0 ? " CR" : ""}"`,
  /** SAP's trailing minus. */
  trailingMinus: (pence: number) => `"${grouped(pence)}${pence < 0 ? "-" : ""}"`,
  /** What a spreadsheet's binary floats leave: every fifth amount one part in 10^13 short. */
  floatNoise: (pence: number) => (pence > 1 && pence % 5 === 0 ? `${pounds(pence - 1)}9999999999999` : pounds(pence)),
};

export const DATES = {
  ukSlashes: (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
  iso: (iso: string) => iso,
  isoMidnight: (iso: string) => `${iso} 00:00:00`,
  namedMonth: (iso: string) => `${Number(iso.slice(8, 10))}-${MONTHS[Number(iso.slice(5, 7)) - 1]}-${iso.slice(2, 4)}`,
};

const SUPPLIERS = [
  "Dartington Service Design Lab",
  "Café Nero Ltd",
  "Smith & Sons",
  "REDACTED PERSONAL DATA",
  "Ørsted Training",
  "Oldham Community Leisure",
];
const PURPOSES = ["Consultancy", "Catering", "Printing", "Venue hire", "Training – staff", "Licences"];

/** What an import of a generated file must come to. */
export type Expected = {
  rows: number;
  rowsTotalPence: number;
  importable: number;
  importablePence: number;
  setAside: number;
  setAsidePence: number;
  unmatched: number;
  unmatchedPence: number;
  unreadableAmounts: number;
  footer: { totalPence: number; matches: boolean } | null;
};

export type LedgerFixture = { name: string; content: Buffer; expected: Expected };

/**
 * `rows` payments in `layout`: mostly to the known codes, some to codes no line has, some broken
 * (a field missing, an amount written "NA", a date that does not exist), a blank row or two; the
 * footer, when the layout has one, totals the amounts as the file's system would.
 */
export async function ledgerFile(
  layout: Layout,
  options: { rows: number; seed: number; knownCodes: string[] },
): Promise<LedgerFixture> {
  const random = randomFrom(options.seed);
  const expected: Expected = {
    rows: 0,
    rowsTotalPence: 0,
    importable: 0,
    importablePence: 0,
    setAside: 0,
    setAsidePence: 0,
    unmatched: 0,
    unmatchedPence: 0,
    unreadableAmounts: 0,
    footer: null,
  };
  const lines: string[][] = [];
  let footerPence = 0;
  for (let index = 0; index < options.rows; index++) {
    const day = new Date(Date.UTC(2020, 3, 1) + random.int(365) * 86_400_000).toISOString().slice(0, 10);
    // Amounts from pennies to six figures, one in twelve a credit (a refund or a correction).
    const size = random.pick([100, 10_000, 100_000, 1_000_000, 10_000_000]);
    const pence = (1 + random.int(size)) * (random.int(12) === 0 ? -1 : 1);
    const unknown = random.int(25) === 0;
    const payment: Payment = {
      id: `${layout.name.slice(0, 3).toUpperCase()}-${options.seed}-${index}`,
      isoDate: day,
      code: unknown ? random.pick(["ZZ-UNKNOWN", "QQ-999", "HR-PAYROLL"]) : random.pick(options.knownCodes),
      supplier: random.pick(SUPPLIERS),
      purpose: random.pick(PURPOSES),
      pence,
    };
    const broken = random.int(40);
    expected.rows++;
    if (broken === 0) {
      // An amount the ledger left out: set aside, in no total.
      lines.push(layout.cells(payment, "NA", layout.date(day)));
      expected.setAside++;
      expected.unreadableAmounts++;
    } else if (broken === 1) {
      // 31 February: set aside, its amount still counted where it went.
      lines.push(layout.cells(payment, layout.amount(pence), layout.date("2021-02-31")));
      expected.setAside++;
      expected.setAsidePence += pence;
      expected.rowsTotalPence += pence;
      footerPence += pence;
    } else if (broken === 2 && layout.encoding !== "xlsx") {
      // A field short (an unquoted amount fused onto the date): set aside whole, its amount unread.
      const cells = layout.cells(payment, layout.amount(pence), layout.date(day));
      lines.push(cells.slice(0, -1));
      expected.setAside++;
      expected.unreadableAmounts++;
      footerPence += pence; // the system that wrote the file added it up
      continue;
    } else {
      lines.push(layout.cells(payment, layout.amount(pence), layout.date(day)));
      expected.rowsTotalPence += pence;
      footerPence += pence;
      if (unknown) {
        expected.unmatched++;
        expected.unmatchedPence += pence;
      } else {
        expected.importable++;
        expected.importablePence += pence;
      }
    }
    if (random.int(500) === 0) lines.push(layout.header.map(() => ""));
  }
  // A broken row's amount cannot be read, so the file's own total (which added it) differs then.
  if (layout.footer) {
    lines.push(layout.footer(footerPence, layout.header.length));
    expected.footer = { totalPence: footerPence, matches: footerPence === expected.rowsTotalPence };
  }
  lines.push(layout.header.map(() => ""));
  return { name: layout.name, content: await encode(layout, lines), expected };
}

async function encode(layout: Layout, rows: string[][]): Promise<Buffer> {
  if (layout.encoding === "xlsx") {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Payments");
    for (const title of layout.preamble ?? []) sheet.addRow([title]);
    sheet.addRow(layout.header);
    for (const row of rows) sheet.addRow(row.map(xlsxCell));
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const text = [...(layout.preamble ?? []), layout.header.join(","), ...rows.map((row) => row.join(","))].join("\r\n");
  if (layout.encoding === "win1252") return Buffer.from(text.replaceAll("–", "\u0096"), "latin1");
  return Buffer.from(`${layout.encoding === "utf8-bom" ? "\ufeff" : ""}${text}`, "utf8");
}

/** A workbook holds numbers and dates as such: what the CSV wrote as text, typed again. */
function xlsxCell(cell: string): string | number | Date {
  const unquoted = cell.replace(/^"|"$/g, "");
  if (/^-?\d+\.\d+$/.test(unquoted)) return Number(unquoted);
  // Only a real date becomes a date cell (JavaScript would read 31 February as 3 March).
  const date = /^\d{4}-\d{2}-\d{2}$/.test(unquoted) ? new Date(`${unquoted}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(unquoted) ? date : unquoted;
}
