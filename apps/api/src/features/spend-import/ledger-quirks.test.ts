// A file per quirk that councils' real ledger files have, each previewed as it comes and its
// figures asserted: what was understood of it, and every row imported, set aside or unmatched,
// adding up to the file's total to the penny.
import { MAX_AMOUNT_PENCE } from "@fundline/domain";
import type { SpendImportResult } from "@fundline/schemas";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const HEADER = "Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount";
const MAPPING = {
  spentOn: "Date Paid",
  amount: "Net Amount",
  costLineCode: "Cost Centre",
  supplierName: "Supplier Name",
  transactionId: "Transaction No",
  purpose: "Expense Type",
};
const row = (line: number, amount: string, date = "14/04/2020", code = "EY-DSDL", supplier = "Dartington") =>
  `${date},T-${line},${code},${supplier},Consultancy,${amount}`;

async function preview(content: string | Buffer, mapping: object = MAPPING): Promise<SpendImportResult> {
  const response = await uploadLedger(
    test,
    { mode: "preview", sourceName: "Quirks ledger", mapping: JSON.stringify(mapping) },
    { name: "ledger.csv", content },
  );
  expect(response.statusCode, response.body).toBe(200);
  const result = response.json() as SpendImportResult;
  // Every row is accounted for, whatever the file holds.
  expect(result.importablePence + result.setAsidePence + result.unmatchedPence).toBe(result.rowsTotalPence);
  expect(result.importable + result.setAside + result.unmatched).toBe(result.rows);
  return result;
}

describe("encodings", () => {
  it("reads UTF-8 with a byte-order mark, the first header included", async () => {
    const result = await preview(`\ufeff${[HEADER, row(1, '"£1,234.56"')].join("\r\n")}`);
    expect(result.recognised.encoding).toBe("UTF-8 with BOM");
    expect(result.recognised.columns[0]).toEqual({ header: "Date Paid", field: "spentOn", samples: ["14/04/2020"] });
    expect(result.importablePence).toBe(123_456);
  });

  it("reads Windows-1252: a pound sign as 0xA3, a non-breaking space as 0xA0, an accented name", async () => {
    const text = [HEADER, row(1, "£1\u00a0234.56", "14/04/2020", "EY-DSDL", "Café Néro")].join("\r\n");
    const result = await preview(iconv.encode(text, "win1252"));
    expect(result.recognised.encoding).toBe("Windows-1252");
    expect(result.importablePence).toBe(123_456);
    expect(result.sample[0]?.supplierName).toBe("Café Néro");
  });

  it("repairs text an earlier conversion mangled: C1 controls and UTF-8 read as Windows-1252", async () => {
    const result = await preview(
      [
        HEADER,
        row(1, "10.00", "14/04/2020", "EY-DSDL", "Smith \u0096 Sons"),
        row(2, "20.00", "14/04/2020", "EY-DSDL", "CafÃ© Ltd"),
      ].join("\n"),
    );
    expect(result.recognised.repairedCells).toBe(2);
    expect(result.sample.map((payment) => payment.supplierName)).toEqual(["Smith – Sons", "Café Ltd"]);
    expect(result.importablePence).toBe(3_000);
  });
});

describe("layout", () => {
  it("finds the header below a report's preamble and says where it was", async () => {
    const result = await preview(
      [
        "Oldham Council",
        "Payments over £500, April 2020",
        "Report run 01/05/2020 09:14",
        "",
        HEADER,
        row(6, "500.00"),
      ].join("\n"),
    );
    expect(result.recognised).toMatchObject({ headerLine: 5, preambleLines: 3 });
    expect(result.problems).toEqual([]);
    expect(result.importablePence).toBe(50_000);
  });

  it("matches headers padded with spaces and in another case to the saved names", async () => {
    const result = await preview(
      [" date paid ,TRANSACTION NO, Cost Centre ,Supplier  Name,expense type, NET AMOUNT ", row(2, "7.00")].join("\n"),
    );
    expect(result.mappingProblems).toEqual([]);
    expect(result.importablePence).toBe(700);
  });

  it("tells apart two columns with the same header: a code and its description", async () => {
    const result = await preview(
      [
        "Date Paid,Transaction No,Cost Centre,Cost Centre,Supplier Name,Net Amount",
        "14/04/2020,T-2,EY-DSDL,Early years service design,Dartington,8.00",
      ].join("\n"),
      { spentOn: "Date Paid", amount: "Net Amount", costLineCode: "Cost Centre", supplierName: "Supplier Name" },
    );
    expect(result.headers).toEqual([
      "Date Paid",
      "Transaction No",
      "Cost Centre",
      "Cost Centre (2)",
      "Supplier Name",
      "Net Amount",
    ]);
    expect(result.recognised.columns[3]).toMatchObject({ field: null, samples: ["Early years service design"] });
    expect(result.importablePence).toBe(800);
  });

  it("reads a footer that totals the file as its total, not a payment, and says it adds up", async () => {
    const result = await preview(
      [HEADER, row(2, '"1,000.00"'), row(3, "234.56"), ',,,Total,,"1,234.56"', ",,,,,"].join("\n"),
    );
    expect(result.rows).toBe(2);
    expect(result.recognised.footer).toEqual({ line: 4, totalPence: 123_456, matches: true });
    expect(result.recognised.blankRows).toBe(1);
    expect(result.rowsTotalPence).toBe(123_456);
  });

  it("says when the footer's total is not the sum of the rows", async () => {
    const result = await preview([HEADER, row(2, '"1,000.00"'), row(3, "234.56"), ",,,,,1300.00"].join("\n"));
    expect(result.recognised.footer).toEqual({ line: 4, totalPence: 130_000, matches: false });
    expect(result.rowsTotalPence).toBe(123_456);
  });

  it("reads unquoted fields and every line ending alike: CRLF, LF and a lone CR", async () => {
    const rows = [HEADER, row(2, "1.00"), row(3, "2.00"), row(4, "3.00")];
    for (const ending of ["\r\n", "\n", "\r"]) {
      const result = await preview(rows.join(ending));
      expect({ ending, rows: result.rows, pence: result.importablePence }).toEqual({ ending, rows: 3, pence: 600 });
    }
  });
});

describe("amounts", () => {
  it("reads every way an amount is written, exactly, and counts the float noise rounded", async () => {
    const amounts: [string, number][] = [
      ["1234.5", 123_450],
      ['"1,234.56"', 123_456],
      ['" 1,234.56 "', 123_456],
      ['"£1,234.56"', 123_456],
      ["-857", -85_700],
      ['"(1,234.56)"', -123_456],
      ['"1,234.56 CR"', -123_456],
      ["977.5999999999999", 97_760],
      ["0.01", 1],
    ];
    const result = await preview([HEADER, ...amounts.map(([amount], index) => row(index + 2, amount))].join("\n"));
    expect(result.problems).toEqual([]);
    expect(result.importablePence).toBe(amounts.reduce((sum, [, pence]) => sum + pence, 0));
    expect(result.recognised.roundedAmounts).toBe(1);
    expect(result.recognised.amountNotations).toContainEqual({ notation: "(1,234.56)", rows: 1 });
    expect(result.recognised.amountNotations).toContainEqual({ notation: "1,234.56 CR", rows: 1 });
  });

  it("sets aside a missing amount (NA or blank) with its reason, in none of the totals", async () => {
    const result = await preview([HEADER, row(2, "NA"), row(3, ""), row(4, "5.00")].join("\n"));
    expect(result.problems).toEqual([
      { line: 2, kind: "field", reason: 'Amount (£): is missing ("NA")' },
      { line: 3, kind: "field", reason: "Amount (£): is blank" },
    ]);
    expect(result).toMatchObject({ rows: 3, setAside: 2, setAsidePence: 0, unreadableAmounts: 2, rowsTotalPence: 500 });
  });

  it("refuses a file whose amounts add up past what is held exactly, naming the file", async () => {
    // Each amount is within bounds; 95,000 of the largest come to more than 2^53 pence.
    const largest = `${MAX_AMOUNT_PENCE / 100}.00`;
    const rows = Array.from({ length: 95_000 }, (_, index) => row(index + 2, largest));
    const response = await uploadLedger(
      test,
      { mode: "preview", sourceName: "Quirks ledger", mapping: JSON.stringify(MAPPING) },
      { name: "huge.csv", content: [HEADER, ...rows].join("\n") },
    );
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().message).toMatch(/its amounts add up to more than £90,071,992,547,409\.91/);
  });
});

describe("dates", () => {
  it("reads dd/mm/yyyy, yyyy-mm-dd, yyyy-mm-dd 00:00:00 and d-MMM-yy, and says which it found", async () => {
    const result = await preview(
      [
        HEADER,
        row(2, "1.00", "14/04/2020"),
        row(3, "1.00", "2020-04-15"),
        row(4, "1.00", "2020-04-16 00:00:00"),
        row(5, "1.00", "3-Mar-20"),
        row(6, "1.00", "4-Mar-20"),
      ].join("\n"),
    );
    expect(result.problems).toEqual([]);
    expect(result.recognised.dateNotations).toEqual([
      { notation: "d-MMM-yy", rows: 2 },
      { notation: "dd/mm/yyyy", rows: 1 },
      { notation: "yyyy-mm-dd", rows: 1 },
      { notation: "yyyy-mm-dd hh:mm:ss", rows: 1 },
    ]);
  });
});

describe("workbooks", () => {
  it("reads an XLSX's date cells and Excel date numbers, and rounds a float cell's noise", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Payments");
    sheet.addRow(["Spend over £500, April 2020"]);
    sheet.addRow(HEADER.split(","));
    sheet.addRow([new Date(Date.UTC(2020, 3, 14)), "T-1", "EY-DSDL", "Dartington", "Consultancy", 977.5999999999999]);
    // 43,936 days after 30 December 1899: 15 April 2020, as a cell not formatted as a date holds it.
    sheet.addRow([43_936, "T-2", "EY-DSDL", "Dartington", "Consultancy", 12.5]);
    const result = await preview(Buffer.from(await book.xlsx.writeBuffer()));
    expect(result.recognised).toMatchObject({ encoding: "XLSX", headerLine: 2, preambleLines: 1, roundedAmounts: 1 });
    expect(result.sample.map((payment) => [payment.spentOn, payment.amountPence])).toEqual([
      ["2020-04-14", 97_760],
      ["2020-04-15", 1_250],
    ]);
    expect(result.recognised.dateNotations).toEqual([
      { notation: "a date cell", rows: 1 },
      { notation: "an Excel date number", rows: 1 },
    ]);
  });
});

describe("broken rows", () => {
  it("sets aside a row whose amount is fused onto its date (a field short), with its line and the reason", async () => {
    const result = await preview(
      [HEADER, "25/06/2012900,T-2,EY-DSDL,Dartington,Consultancy", row(3, "4.00")].join("\n"),
    );
    expect(result.problems).toEqual([
      {
        line: 2,
        kind: "field",
        reason: expect.stringMatching(/^the row has 5 fields where the header has 6/),
      },
    ]);
    expect(result).toMatchObject({ importable: 1, importablePence: 400, setAside: 1, unreadableAmounts: 1 });
  });

  it('imports a "REDACTED" supplier as the council published it', async () => {
    const result = await preview([HEADER, row(2, "60.00", "14/04/2020", "EY-DSDL", "REDACTED")].join("\n"));
    expect(result.sample[0]?.supplierName).toBe("REDACTED");
    expect(result.importablePence).toBe(6_000);
  });

  it("lists rows whose code matches no cost line as unmatched, with each code's total", async () => {
    const result = await preview(
      [
        HEADER,
        row(2, "10.00", "14/04/2020", "ZZ-UNKNOWN"),
        row(3, "15.50", "14/04/2020", "zz-unknown"),
        row(4, "1.00", "14/04/2020", "QQ-9"),
        row(5, "3.00", "31/02/2020"),
        row(6, "2.00"),
      ].join("\n"),
    );
    expect(result).toMatchObject({
      rows: 5,
      importable: 1,
      importablePence: 200,
      setAside: 1,
      setAsidePence: 300,
      unmatched: 3,
      unmatchedPence: 2_650,
      rowsTotalPence: 3_150,
    });
    expect(result.unmatchedCodes).toEqual([
      { code: "ZZ-UNKNOWN", rows: 2, totalPence: 2_550 },
      { code: "QQ-9", rows: 1, totalPence: 100 },
    ]);
  });
});
