import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

describe("downloading a list as CSV or XLSX", () => {
  it("gives every matching row of a list as CSV, nested fields flattened and money in exact pounds", async () => {
    const json = (await test.inject({ url: "/api/programmes?pageSize=500" })).json();
    const response = await test.inject({ url: "/api/programmes?format=csv&pageSize=1" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toMatch(/attachment; filename="programmes-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    // All of them, not the one page asked for.
    expect(rows).toHaveLength(json.total);
    const dartington = rows.find((row) => row.name === "Early years outcomes programme");
    expect(dartington).toMatchObject({ "leadOrganisation.name": "Oldham Council", "committed (£)": "105000.00" });
  });

  it("gives the same rows as XLSX, and keeps the list's filters", async () => {
    const response = await test.inject({
      url: "/api/spend?format=xlsx&programmeId=00000000-0000-4000-8000-000000000000",
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount ?? 0).toBeLessThanOrEqual(1); // no spend in that programme
    const all = await test.inject({ url: "/api/spend?format=xlsx" });
    await workbook.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("spend");
    const total = (await test.inject({ url: "/api/spend" })).json().total;
    expect((sheet?.rowCount ?? 0) - 1).toBe(total);
  });

  it("gives an empty list its header row, from the list's own columns", async () => {
    const response = await test.inject({
      url: "/api/spend?format=csv&programmeId=00000000-0000-4000-8000-000000000000",
    });
    expect(response.statusCode, response.body).toBe(200);
    const [header, ...rest] = response.body.trimEnd().split("\n");
    expect(rest).toEqual([]);
    expect(header?.split(",")).toEqual(expect.arrayContaining(["id", "spentOn", "amount (£)", "supplierName"]));
  });

  it("refuses a download of something that is not a list, and bad filters as usual", async () => {
    expect((await test.inject({ url: "/api/health?format=csv" })).statusCode).toBe(406);
    const bad = await test.inject({ url: "/api/spend?format=csv&financialYear=2020" });
    expect(bad.statusCode).toBe(400);
  });
});
