// Every row of an imported file stays accounted for after the import: the rows set aside are
// listed (and downloaded) with their reasons, and rows whose code no cost line has wait until
// the code is matched to a line, once, and then go in without the file being sent again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const SOURCE = "Waiting rows ledger";
const HEADER = "Date Paid,Transaction No,Cost Centre,Supplier Name,Net Amount";
const FILE = [
  HEADER,
  "14/04/2020,W-1,EY-DSDL,Dartington,100.00",
  "14/04/2020,W-2,ZZ-NEW,Hall hire,10.00",
  "15/04/2020,W-3,zz-new,Hall hire,15.50",
  "31/02/2020,W-4,EY-DSDL,Dartington,3.00",
  "16/04/2020,W-5,QQ-OTHER,Printing,7.25",
].join("\n");

const commit = (content: string, name = "april.csv") =>
  uploadLedger(test, { mode: "commit", sourceName: SOURCE }, { name, content });
const spentOnDartington = async () =>
  (await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId: dartington.programmeId } })).spentPence;
const waitingCodes = async () => (await test.inject({ url: "/api/imports/spend/unmatched" })).json().codes;

describe("rows set aside, and rows waiting for their code", () => {
  let batchId: string;

  it("keeps every row an import set aside, listed and downloadable with its line and reason", async () => {
    const response = await commit(FILE);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ importable: 1, importablePence: 10_000, setAside: 1, unmatched: 3 });
    batchId = result.batch.id;

    const listed = (await test.inject({ url: `/api/imports/spend/${batchId}/set-aside` })).json();
    expect(listed.total).toBe(4);
    expect(listed.rows.map((row: { line: number; kind: string }) => [row.line, row.kind])).toEqual([
      [3, "unmatched"],
      [4, "unmatched"],
      [5, "field"],
      [6, "unmatched"],
    ]);
    expect(listed.rows[2]).toMatchObject({ reason: 'Date paid: "31/02/2020" is not a real date', amountPence: 300 });

    const csv = await test.inject({ url: `/api/imports/spend/${batchId}/set-aside?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain('Date paid: ""31/02/2020"" is not a real date');
  });

  it("lists each code waiting, with its rows and total, and never the same row twice", async () => {
    expect(await waitingCodes()).toEqual([
      { sourceName: SOURCE, code: "ZZ-NEW", rows: 2, totalPence: 2_550, firstOn: "2020-04-14", lastOn: "2020-04-15" },
      { sourceName: SOURCE, code: "QQ-OTHER", rows: 1, totalPence: 725, firstOn: "2020-04-16", lastOn: "2020-04-16" },
    ]);
    // The same file again: its unmatched rows are already waiting, so they are set aside as such.
    const again = (await commit(FILE, "april-again.csv")).json();
    expect(again).toMatchObject({ importable: 0, unmatched: 0, duplicates: 4 });
    expect(again.problems).toContainEqual({
      line: 3,
      kind: "duplicate",
      reason: "already waiting for its code to be matched to a cost line (set aside by an earlier import)",
    });
    expect((await waitingCodes()).map((code: { rows: number }) => code.rows)).toEqual([2, 1]);
  });

  it("matches a code to a cost line once: the waiting rows go in, audited, and later files follow the match", async () => {
    const before = await spentOnDartington();
    const response = await test.inject({
      method: "POST",
      url: "/api/imports/spend/unmatched/match",
      payload: { sourceName: SOURCE, code: "zz-new", costLineId: dartington.costLineId },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      code: "zz-new",
      rows: 2,
      imported: 2,
      importedPence: 2_550,
      setAside: 0,
      batch: { rowCount: 2, totalPence: 2_550 },
    });
    expect(await spentOnDartington()).toBe(before + 2_550n);
    expect((await waitingCodes()).map((code: { code: string }) => code.code)).toEqual(["QQ-OTHER"]);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityType: "LedgerCodeMatch" } });
    expect(audit.changes).toMatchObject({ code: { after: "zz-new" }, costLineId: { after: dartington.costLineId } });
    // The first import's set-aside rows now say when they went in.
    const listed = (await test.inject({ url: `/api/imports/spend/${batchId}/set-aside?kind=unmatched` })).json();
    expect(listed.rows.map((row: { importedAt: string | null }) => row.importedAt !== null)).toEqual([
      true,
      true,
      false,
    ]);

    // A new file with the code imports to the matched line, as any code a line carries.
    const may = (await commit([HEADER, "01/05/2020,W-9,Zz-New,Hall hire,4.00"].join("\n"), "may.csv")).json();
    expect(may).toMatchObject({ importable: 1, importablePence: 400, unmatched: 0 });
    expect(await spentOnDartington()).toBe(before + 2_950n);
  });

  it("keeps a council's waiting rows and matches its own: another council sees none and cannot match to them", async () => {
    const stockport = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Stockport" } } });
    const elsewhere = await test.signInNew({ role: "finance_officer", organisationId: stockport.id });
    expect((await elsewhere.inject({ url: "/api/imports/spend/unmatched" })).json().codes).toEqual([]);
    const refused = await elsewhere.inject({
      method: "POST",
      url: "/api/imports/spend/unmatched/match",
      payload: { sourceName: SOURCE, code: "QQ-OTHER", costLineId: dartington.costLineId },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().message).toBe(`costLineId: no such cost line: ${dartington.costLineId}`);
    expect((await waitingCodes()).map((code: { code: string }) => code.code)).toEqual(["QQ-OTHER"]);
    expect((await elsewhere.inject({ url: `/api/imports/spend/${batchId}/set-aside` })).statusCode).toBe(404);
  });

  it("refuses a match with a field missing, naming it", async () => {
    const response = await test.inject({
      method: "POST",
      url: "/api/imports/spend/unmatched/match",
      payload: { sourceName: SOURCE, code: "QQ-OTHER" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/costLineId$/) }),
    );
  });
});
