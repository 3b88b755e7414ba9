// Seven ledger files of 3,000 payments each, as seven councils' systems write them (the
// Transparency Code's fields, the older DCLG schema, Unit4, Oracle Fusion, SAP, Civica,
// TechnologyOne), in their encodings and notations, with title lines, totals at the foot, blank
// and broken rows, credits and float noise. Each is read with no mapping by hand, and what it
// comes to is asserted to the penny: every row imported, set aside or unmatched.
import type { SpendImportResult } from "@fundline/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { runningTotalsDrift } from "../reconciliation/index.ts";
import { AMOUNTS, DATES, type Layout, ledgerFile } from "./ledger-fixtures.testing.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const KNOWN_CODES = ["EY-DSDL", "ICT-CEY-DIG", "CYPS-EFY-DD"];
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
const footerAt = (column: number) => (totalPence: number, width: number) =>
  Array.from({ length: width }, (_, index) => (index === column ? AMOUNTS.grouped(totalPence) : ""));

const LAYOUTS: [Layout, string][] = [
  [
    {
      name: "Transparency Code 2015, UTF-8 with BOM",
      header: [
        "Body Name",
        "Service Division Categorisation",
        "Responsible Unit",
        "Date",
        "Transaction Number",
        "Net Amount",
        "Irrecoverable VAT",
        "Supplier Name",
        "Purpose of Expenditure",
        "Procurement Category",
      ],
      cells: (p, amount, date) => [
        "Oldham Council",
        "Children's Services",
        p.code,
        date,
        p.id,
        amount,
        "0.00",
        quoted(p.supplier),
        p.purpose,
        "Services",
      ],
      amount: AMOUNTS.grouped,
      date: DATES.ukSlashes,
      encoding: "utf8-bom",
      preamble: ["Oldham Council: expenditure over £500", "Quarter 1 to 4, 2020/21", ""],
      footer: footerAt(5),
    },
    "Local Government Transparency Code 2015 (spend over £500)",
  ],
  [
    {
      name: "DCLG 2011, Windows-1252",
      header: [
        "Body",
        "Body Name",
        "Date",
        "Transaction Number",
        "Amount",
        "Supplier Name",
        "Expense Area",
        "Expense Type",
        "Extended Description",
      ],
      cells: (p, amount, date) => [
        "http://opendatacommunities.org/id/metropolitan-district-council/stockport",
        "Stockport MBC",
        date,
        p.id,
        amount,
        quoted(p.supplier),
        p.code,
        p.purpose,
        quoted(`${p.purpose} – ${p.supplier}`),
      ],
      amount: AMOUNTS.poundsBrackets,
      date: DATES.ukSlashes,
      encoding: "win1252",
    },
    "DCLG spending data schema (2011)",
  ],
  [
    {
      name: "Unit4 ERP (Agresso), float noise",
      header: [
        "Account",
        "Account(T)",
        "Cost centre",
        "Trans.date",
        "Voucher no",
        "Supplier",
        "Supplier(T)",
        "Amount",
        "Text",
      ],
      cells: (p, amount, date) => [
        "5200",
        "Consultancy",
        p.code,
        date,
        p.id,
        "S0001",
        quoted(p.supplier),
        amount,
        p.purpose,
      ],
      amount: AMOUNTS.floatNoise,
      date: DATES.isoMidnight,
      encoding: "utf8",
    },
    "Unit4 ERP (Agresso) transaction export",
  ],
  [
    {
      name: "Oracle Fusion Payables, CR credits",
      header: ["Invoice Number", "Supplier or Party", "Payment Date", "Payment Amount", "Cost Center", "Description"],
      cells: (p, amount, date) => [`INV-${p.id}`, quoted(p.supplier), date, amount, p.code, p.purpose],
      amount: AMOUNTS.creditMarked,
      date: DATES.namedMonth,
      encoding: "utf8",
      preamble: ["Payments Register", "Run by FIN_REPORTS on 01-Apr-21"],
    },
    "Oracle Fusion Payables payments",
  ],
  [
    {
      name: "SAP line items, trailing minus",
      header: ["Document Number", "Posting Date", "Cost Center", "Vendor Name", "Amount in Local Currency", "Text"],
      cells: (p, amount, date) => [p.id, date, p.code, quoted(p.supplier), amount, p.purpose],
      amount: AMOUNTS.trailingMinus,
      date: DATES.iso,
      encoding: "utf8",
      footer: footerAt(4),
    },
    "SAP line items (FBL1N / FBL3N)",
  ],
  [
    {
      name: "Civica Financials, XLSX",
      header: ["Payment Date", "Transaction Reference", "Cost Centre", "Supplier Name", "Net Amount", "Service"],
      cells: (p, amount, date) => [date, p.id, p.code, p.supplier, amount, "Education"],
      amount: AMOUNTS.floatNoise,
      date: DATES.iso,
      encoding: "xlsx",
      preamble: ["Tameside MBC payments"],
    },
    "Civica Financials payments",
  ],
  [
    {
      name: "TechnologyOne, Windows-1252",
      header: [
        "Transaction Date",
        "Document Number",
        "Account Number",
        "Creditor Name",
        "Transaction Amount",
        "Narration",
      ],
      cells: (p, amount, date) => [date, p.id, p.code, quoted(p.supplier), amount, quoted(p.purpose)],
      amount: AMOUNTS.grouped,
      date: DATES.ukSlashes,
      encoding: "win1252",
      footer: footerAt(4),
    },
    "TechnologyOne Financials transactions",
  ],
];

async function send(content: Buffer, sourceName: string, mode: "preview" | "commit" = "preview") {
  const response = await uploadLedger(test, { mode, sourceName }, { name: "ledger", content });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SpendImportResult;
}

describe("councils' ledger files, as their systems write them", () => {
  LAYOUTS.forEach(([layout, layoutName], index) => {
    it(`${layout.name}: read with no mapping, every row accounted for to the penny`, async () => {
      const file = await ledgerFile(layout, { rows: 3_000, seed: 2026 + index, knownCodes: KNOWN_CODES });
      const result = await send(file.content, `Realistic ${index}`);
      const { expected } = file;
      expect(result.recognised.layout).toBe(layoutName);
      expect({
        rows: result.rows,
        rowsTotalPence: result.rowsTotalPence,
        importable: result.importable,
        importablePence: result.importablePence,
        setAside: result.setAside,
        setAsidePence: result.setAsidePence,
        unmatched: result.unmatched,
        unmatchedPence: result.unmatchedPence,
        unreadableAmounts: result.unreadableAmounts,
      }).toEqual({
        rows: expected.rows,
        rowsTotalPence: expected.rowsTotalPence,
        importable: expected.importable,
        importablePence: expected.importablePence,
        setAside: expected.setAside,
        setAsidePence: expected.setAsidePence,
        unmatched: expected.unmatched,
        unmatchedPence: expected.unmatchedPence,
        unreadableAmounts: expected.unreadableAmounts,
      });
      expect(
        result.recognised.footer && {
          totalPence: result.recognised.footer.totalPence,
          matches: result.recognised.footer.matches,
        },
      ).toEqual(expected.footer);
      expect(result.recognised.encoding).toBe(
        { utf8: "UTF-8", "utf8-bom": "UTF-8 with BOM", win1252: "Windows-1252", xlsx: "XLSX" }[layout.encoding],
      );
      if (layout.amount === AMOUNTS.floatNoise) expect(result.recognised.roundedAmounts).toBeGreaterThan(100);
    });
  });

  it("commits a file whole: the payments it wrote add up, in the database, to exactly what the preview said", async () => {
    const [layout] = LAYOUTS[3] ?? [];
    if (!layout) throw new Error("no layout");
    const file = await ledgerFile(layout, { rows: 3_000, seed: 99, knownCodes: KNOWN_CODES });
    const result = await send(file.content, "Realistic commit", "commit");
    expect(result.importablePence).toBe(file.expected.importablePence);
    const [written] = await test.prisma.$queryRaw<{ rows: number; pence: bigint }[]>`
      SELECT count(*)::int AS rows, sum("amountPence")::bigint AS pence FROM "Spend" WHERE "importBatchId" = ${result.batch?.id}::uuid`;
    expect({ rows: written?.rows, pence: Number(written?.pence) }).toEqual({
      rows: file.expected.importable,
      pence: file.expected.importablePence,
    });
    const [kept] = await test.prisma.$queryRaw<{ rows: number; pence: bigint }[]>`
      SELECT count(*)::int AS rows, coalesce(sum("amountPence"), 0)::bigint AS pence
      FROM "ImportSetAsideRow" WHERE "batchId" = ${result.batch?.id}::uuid`;
    expect({ rows: kept?.rows, pence: Number(kept?.pence) }).toEqual({
      rows: file.expected.setAside + file.expected.unmatched,
      pence: file.expected.setAsidePence + file.expected.unmatchedPence,
    });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  });
});
