import { SpendImportEvent } from "@fundline/schemas";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LedgerUpload, uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, type SignedIn, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { runningTotalsDrift } from "../reconciliation/index.ts";
import { suggestMapping } from "./spend-import.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const MAPPING = {
  spentOn: "Date Paid",
  amount: "Net Amount",
  costLineCode: "Cost Centre",
  supplierName: "Supplier Name",
  transactionId: "Transaction No",
  purpose: "Expense Type",
};
const HEADER = "Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount";

const upload = (
  fields: Record<string, string>,
  file?: LedgerUpload,
  as: Pick<SignedIn, "inject"> = test,
  accept?: string,
) => uploadLedger(as, fields, file, accept);

const spentOnDartington = async () =>
  (await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId: dartington.programmeId } })).spentPence;

const LEDGER = [
  HEADER,
  '27/09/2020,T-1001,EY-DSDL,Dartington Service Design Lab,Consultancy,"1,250.00"',
  "2020-10-01,T-1002,ey-dsdl,Dartington Service Design Lab,Consultancy,(250.00)",
  "31/02/2020,T-1003,EY-DSDL,Dartington Service Design Lab,Consultancy,10.00",
  "01/10/2020,T-1004,EY-DSDL,Dartington Service Design Lab,Consultancy,ten pounds",
  "01/10/2020,T-1005,NO-SUCH-CODE,Caterer,Refreshments,12.34",
  '01/10/2020,T-1001,EY-DSDL,Dartington Service Design Lab,Consultancy,"1,250.00"',
  "02/10/2020,T-1006,EY-DSDL,,Consultancy,5.00",
  "03/10/2020,T-1007,EY-DSDL,Dartington Service Design Lab,Consultancy,0.07",
].join("\n");

describe("spend import", () => {
  it("warns of a row bigger than what its line has left, before it is written", async () => {
    const response = await upload(
      { mode: "preview", sourceName: "Oldham ledger", mapping: JSON.stringify(MAPPING) },
      {
        name: "big.csv",
        content: [HEADER, '15/05/2020,T-9001,EY-DSDL,Dartington Service Design Lab,Consultancy,"20,000.00"'].join("\n"),
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    // £105,000 allocated, £90,000 spent: £15,000 left.
    expect(response.json().warnings).toEqual([
      {
        line: 2,
        kind: "moreThanLineHasLeft",
        reason: "£20,000.00 is more than the £15,000.00 left on Dartington Service Design Lab contract",
      },
    ]);
  });

  it("previews every row that would fail and why, and writes nothing", async () => {
    const before = await spentOnDartington();
    const response = await upload(
      { mode: "preview", sourceName: "Oldham ledger", mapping: JSON.stringify(MAPPING) },
      { name: "oldham.csv", content: LEDGER },
    );
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({
      rows: 8,
      importable: 3,
      importablePence: 125_000 - 25_000 + 7,
      skipped: 5,
      duplicates: 1,
    });
    expect(preview.problems).toEqual([
      { line: 4, kind: "field", reason: 'Date paid: "31/02/2020" is not a real date' },
      { line: 5, kind: "field", reason: 'Amount (£): "ten pounds" is not an amount of money' },
      { line: 6, kind: "unmatched", reason: 'no cost line you can import to has the ledger code "NO-SUCH-CODE"' },
      { line: 7, kind: "duplicate", reason: "the same transaction number appears earlier in this file" },
      { line: 8, kind: "field", reason: "Beneficiary (supplier): is blank" },
    ]);
    // The rows that go in are dated after Dartington ended: the preview says so before they are written.
    expect(preview.warningCount).toBe(3);
    expect(preview.warnings).toEqual(
      [2, 3, 9].map((line) => ({
        line,
        kind: "outsideProgrammeDates",
        reason: expect.stringContaining(
          "outside the dates of Early years outcomes programme (2 Aug 2019 to 31 Jul 2020)",
        ),
      })),
    );
    expect(preview.sample[0]).toEqual({
      line: 2,
      spentOn: "2020-09-27",
      amountPence: 125_000,
      supplierName: "Dartington Service Design Lab",
      costLine: "Dartington Service Design Lab contract",
      programme: "Early years outcomes programme",
    });
    expect(preview.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await spentOnDartington()).toBe(before);
    expect(await test.prisma.importBatch.count()).toBe(0);
  });

  it("commits the sound rows in one batch, audited, keeps the mapping, and a second import adds nothing", async () => {
    const before = await spentOnDartington();
    const preview = (
      await upload(
        { mode: "preview", sourceName: "Oldham ledger", mapping: JSON.stringify(MAPPING) },
        { name: "oldham.csv", content: LEDGER },
      )
    ).json();
    const committed = await upload(
      {
        mode: "commit",
        sourceName: "Oldham ledger",
        mapping: JSON.stringify(MAPPING),
        expectedSha256: preview.fileSha256,
      },
      { name: "oldham.csv", content: LEDGER },
    );
    expect(committed.statusCode, committed.body).toBe(200);
    const result = committed.json();
    expect(result.batch).toMatchObject({
      rowCount: 3,
      totalPence: 100_007,
      status: "committed",
      fileName: "oldham.csv",
    });
    expect(await spentOnDartington()).toBe(before + 100_007n);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    const rows = await test.prisma.spend.findMany({
      where: { importBatchId: result.batch.id },
      orderBy: { spentOn: "asc" },
    });
    expect(rows.map((row) => [row.spentOn.toISOString().slice(0, 10), Number(row.amountPence), row.purpose])).toEqual([
      ["2020-09-27", 125_000, "Consultancy"],
      ["2020-10-01", -25_000, "Consultancy"],
      ["2020-10-03", 7, "Consultancy"],
    ]);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityId: result.batch.id } });
    expect(audit).toMatchObject({ action: "import", entityType: "ImportBatch" });

    // The same file again, with no mapping sent: the saved one is used and nothing is added.
    const again = (
      await upload({ mode: "commit", sourceName: "Oldham ledger" }, { name: "oldham.csv", content: LEDGER })
    ).json();
    // Duplicates: the three imported, the repeated transaction, and the unknown code's row, which
    // the first import left waiting for its code to be matched.
    expect(again).toMatchObject({ mapping: MAPPING, importable: 0, duplicates: 5, unmatched: 0 });
    // The three Fundline holds are counted, not kept again with the second import; the other five are.
    expect(again).toMatchObject({ alreadyImported: 3, batch: { setAsideRows: 5 } });
    expect(again.problems.filter((problem: { reason: string }) => problem.reason === "already imported")).toHaveLength(
      3,
    );
    expect(await spentOnDartington()).toBe(before + 100_007n);
    const mappings = (await test.inject({ url: "/api/imports/spend/mappings" })).json().mappings;
    expect(mappings).toEqual([expect.objectContaining({ sourceName: "Oldham ledger", mapping: MAPPING })]);

    // Another council's user sees none of it, and its own ledger of the same name is its own.
    const stockport = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Stockport" } } });
    const elsewhere = await test.signInNew({ role: "finance_officer", organisationId: stockport.id });
    expect((await elsewhere.inject({ url: "/api/imports/spend/mappings" })).json().mappings).toEqual([]);
    const theirs = (
      await upload({ mode: "preview", sourceName: "Oldham ledger" }, { name: "oldham.csv", content: LEDGER }, elsewhere)
    ).json();
    // Not Oldham's saved mapping (which reads Expense Type as the purpose): the Transparency Code layout's.
    expect(theirs.recognised.layout).toBe("Local Government Transparency Code 2015 (spend over £500)");
    expect(theirs.mapping).not.toHaveProperty("purpose");
    expect((await test.inject({ url: "/api/imports/spend/mappings" })).json().mappings).toHaveLength(1);
  });

  it("reverses a batch as a whole, with audit, and the rows can then be imported again", async () => {
    const before = await spentOnDartington();
    const content = [
      HEADER,
      "05/11/2020,R-1,EY-DSDL,Supplier R,Work,100.00",
      "06/11/2020,R-2,EY-DSDL,Supplier R,Work,200.00",
    ].join("\n");
    const first = (
      await upload(
        { mode: "commit", sourceName: "Reversal ledger", mapping: JSON.stringify(MAPPING) },
        { name: "r.csv", content },
      )
    ).json();
    expect(await spentOnDartington()).toBe(before + 30_000n);
    const reverse = (reason = "Posted to the wrong period") =>
      test.inject({ method: "POST", url: `/api/imports/spend/${first.batch.id}/reverse`, payload: { reason } });
    const reversed = await reverse();
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ status: "reversed" });
    expect(await spentOnDartington()).toBe(before);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: first.batch.id, action: "reverse" },
    });
    expect(audit.reason).toBe("Posted to the wrong period");
    expect((await reverse()).statusCode).toBe(422);

    const second = (await upload({ mode: "commit", sourceName: "Reversal ledger" }, { name: "r.csv", content })).json();
    expect(second.batch.rowCount).toBe(2);
    expect(await spentOnDartington()).toBe(before + 30_000n);
  });

  it("reads XLSX with date cells, numbers and a date written as text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Payments over £500");
    sheet.addRow(["Date Paid", "Transaction No", "Cost Centre", "Supplier Name", "Expense Type", "Net Amount"]);
    sheet.addRow([new Date(Date.UTC(2020, 11, 1)), "X-1", "EY-DSDL", "Supplier X", "Work", 1914.0]);
    sheet.addRow(["02/12/2020", "X-2", "EY-DSDL", "Supplier X", "Work", 1234.56]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (
      await upload({ mode: "preview", sourceName: "Oldham ledger" }, { name: "payments.xlsx", content })
    ).json();
    expect(preview).toMatchObject({ rows: 2, importable: 2, importablePence: 191_400 + 123_456, skipped: 0 });
    expect(preview.sample.map((row: { spentOn: string }) => row.spentOn)).toEqual(["2020-12-01", "2020-12-02"]);
  });

  it("imports 12,000 rows in batches, none lost or doubled", async () => {
    const before = await spentOnDartington();
    const lines = [HEADER];
    for (let n = 0; n < 12_000; n++) lines.push(`01/01/2021,BULK-${n},EY-DSDL,Bulk supplier,Work,${(n % 100) + 1}.01`);
    const result = (
      await upload(
        { mode: "commit", sourceName: "Bulk ledger", mapping: JSON.stringify(MAPPING) },
        { name: "bulk.csv", content: lines.join("\n") },
      )
    ).json();
    // Σ (n % 100 + 1) over 12,000 rows = 120 × 5,050 pounds, plus a penny each.
    const expected = 120 * 5_050 * 100 + 12_000;
    expect(result).toMatchObject({ rows: 12_000, importable: 12_000, importablePence: expected });
    expect(await spentOnDartington()).toBe(before + BigInt(expected));
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  }, 60_000);

  it("keeps text with commas, quotes and line breaks exactly, and gives each row an id within its batch", async () => {
    const content = [
      `${HEADER}`,
      '09/11/2020,Q-1,EY-DSDL,"Smith, Jones & ""Partners""","Two lines:\nthe second",1.00',
      "10/11/2020,Q-2,EY-DSDL,Plain supplier,\\N is not null,2.00",
      "11/11/2020,Q-3,EY-DSDL,Third,Work,3.00",
    ].join("\n");
    const result = (
      await upload(
        { mode: "commit", sourceName: "Quoting ledger", mapping: JSON.stringify(MAPPING) },
        { name: "q.csv", content },
      )
    ).json();
    expect(result).toMatchObject({ importable: 3, importablePence: 600 });
    const rows = await test.prisma.spend.findMany({
      where: { importBatchId: result.batch.id },
      orderBy: { spentOn: "asc" },
    });
    expect(rows.map((row) => [row.supplierName, row.purpose])).toEqual([
      ['Smith, Jones & "Partners"', "Two lines:\nthe second"],
      ["Plain supplier", "\\N is not null"],
      ["Third", "Work"],
    ]);
    // The batch's id with the row's line number in its last eight hex digits: distinct, and
    // still a version-4 UUID as the API's id checks expect.
    const prefix = result.batch.id.slice(0, 28);
    // (A record's line is the line it ends on: the first spans lines 2 and 3.)
    expect(rows.map((row) => row.id)).toEqual([`${prefix}00000003`, `${prefix}00000004`, `${prefix}00000005`]);
    for (const row of rows)
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("imports identical payments with no transaction number as separate payments, and only once", async () => {
    const before = await spentOnDartington();
    const mapping = { spentOn: "Date", amount: "Amount", costLineCode: "Code", supplierName: "Supplier" };
    const content = [
      "Date,Code,Supplier,Amount",
      "12/11/2020,EY-DSDL,Twice paid,40.00",
      "12/11/2020,EY-DSDL,Twice paid,40.00",
      "13/11/2020,EY-DSDL,Once paid,1.00",
    ].join("\n");
    const fields = { mode: "commit", sourceName: "No numbers ledger", mapping: JSON.stringify(mapping) };
    const first = (await upload(fields, { name: "n.csv", content })).json();
    expect(first).toMatchObject({ importable: 3, importablePence: 8_100, duplicates: 0 });
    expect(await spentOnDartington()).toBe(before + 8_100n);
    const again = (await upload(fields, { name: "n.csv", content })).json();
    expect(again).toMatchObject({ importable: 0, duplicates: 3 });
    // A later export with a third such payment adds just that one.
    const third = (
      await upload(fields, { name: "n.csv", content: `${content}\n12/11/2020,EY-DSDL,Twice paid,40.00` })
    ).json();
    expect(third).toMatchObject({ importable: 1, importablePence: 4_000, duplicates: 3 });
    expect(await spentOnDartington()).toBe(before + 12_100n);
  });

  it("imports the same file committed twice at once exactly once", async () => {
    const before = await spentOnDartington();
    const content = [
      HEADER,
      "07/11/2020,C-1,EY-DSDL,Supplier C,Work,10.00",
      "08/11/2020,C-2,EY-DSDL,Supplier C,Work,20.00",
    ].join("\n");
    const fields = { mode: "commit", sourceName: "Concurrent ledger", mapping: JSON.stringify(MAPPING) };
    const results = await Promise.all([1, 2, 3].map(() => upload(fields, { name: "c.csv", content })));
    expect(results.map((response) => response.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((response) => response.json().importable).sort()).toEqual([0, 0, 2]);
    expect(await spentOnDartington()).toBe(before + 3_000n);
  });

  it("reports progress as newline-delimited JSON when asked", async () => {
    const response = await upload(
      { mode: "preview", sourceName: "Oldham ledger" },
      { name: "oldham.csv", content: LEDGER },
      test,
      "application/x-ndjson",
    );
    expect(response.headers["content-type"]).toContain("application/x-ndjson");
    const events = response.body
      .trim()
      .split("\n")
      // Each line is one of the events the shared schema names, as the web app parses them.
      .map((line) => SpendImportEvent.parse(JSON.parse(line)));
    expect(events.some((event) => event.type === "progress" && event.phase === "reading")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "result", result: { rows: 8 } });
  });

  it("refuses a bad form with a 4xx naming the field, and writes nothing", async () => {
    const count = await test.prisma.spend.count();
    const noFile = await upload({ mode: "commit", sourceName: "Oldham ledger" });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().fields).toEqual([{ path: "body.file", message: expect.stringContaining("missing") }]);
    const badMode = await upload({ mode: "later", sourceName: "" }, { name: "x.csv", content: LEDGER });
    expect(badMode.statusCode).toBe(400);
    expect(
      badMode
        .json()
        .fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["body.mode", "body.sourceName"]);
    // A mapping naming a column the file lacks: a preview marks it, keeping what still fits…
    const staleMapping = await upload(
      { mode: "preview", sourceName: "X", mapping: JSON.stringify({ ...MAPPING, amount: "Gross" }) },
      { name: "x.csv", content: LEDGER },
    );
    expect(staleMapping.statusCode).toBe(200);
    expect(staleMapping.json()).toMatchObject({
      mapping: null,
      rows: 0,
      mappingProblems: [{ path: "mapping.amount", message: 'the file has no column called "Gross"' }],
      suggestedMapping: { spentOn: MAPPING.spentOn, supplierName: MAPPING.supplierName },
    });
    expect(staleMapping.json().suggestedMapping.amount).not.toBe("Gross");
    // …and an import with it is refused.
    const badMapping = await upload(
      { mode: "commit", sourceName: "X", mapping: JSON.stringify({ ...MAPPING, amount: "Gross" }) },
      { name: "x.csv", content: LEDGER },
    );
    expect(badMapping.statusCode).toBe(422);
    expect(badMapping.json().fields).toEqual([
      { path: "mapping.amount", message: 'the file has no column called "Gross"' },
    ]);
    const notJson = await upload(
      { mode: "preview", sourceName: "X", mapping: "{" },
      { name: "x.csv", content: LEDGER },
    );
    expect(notJson.json().fields).toEqual([{ path: "body.mapping", message: "must be JSON" }]);
    const otherFile = await upload(
      { mode: "commit", sourceName: "Oldham ledger", expectedSha256: "a".repeat(64) },
      { name: "x.csv", content: LEDGER },
    );
    expect(otherFile.statusCode).toBe(409);
    expect(await test.prisma.spend.count()).toBe(count);
  });

  it("lets only finance officers and administrators import, and only into lines they can see", async () => {
    const viewer = await upload(
      { mode: "preview", sourceName: "Oldham ledger" },
      { name: "x.csv", content: LEDGER },
      test.as("viewer"),
    );
    expect(viewer.statusCode).toBe(403);
    // The test council's finance officer sees no Oldham programme: every code is unknown to them.
    const officer = await upload(
      { mode: "preview", sourceName: "Oldham ledger" },
      { name: "x.csv", content: LEDGER },
      test.as("finance_officer"),
    );
    expect(officer.statusCode).toBe(200);
    expect(officer.json().importable).toBe(0);
  });

  it("suggests a mapping from the headers a ledger usually has", () => {
    expect(
      suggestMapping(["Date Paid", "Transaction Number", "Cost Centre", "Supplier Name", "Expense Type", "Amount"]),
    ).toEqual({
      spentOn: "Date Paid",
      transactionId: "Transaction Number",
      costLineCode: "Cost Centre",
      supplierName: "Supplier Name",
      purpose: "Expense Type",
      amount: "Amount",
    });
  });
});
