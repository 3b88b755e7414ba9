import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { REDACTED } from "./transparency.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  const row = (amountPence: bigint, reference: string, paidToIndividual = false) => ({
    programmeId: dartington.programmeId,
    costLineId: dartington.costLineId,
    spentOn: new Date("2020-02-14"),
    amountPence,
    supplierName: "Jane Smith",
    paidToIndividual,
    reference,
  });
  await test.prisma.spend.createMany({
    data: [
      row(50_000n, "EXACTLY-500"),
      row(50_001n, "JUST-OVER", true),
      row(-75_000n, "CREDIT-NOTE"),
      row(-50_000n, "SMALL-CREDIT"),
    ],
  });
});
afterAll(() => test.close());

const csvFor = async (query: string) => {
  const response = await test.inject({ url: `/api/exports/transparency?${query}` });
  return { response, rows: parse(response.body, { columns: true }) as Record<string, string>[] };
};

describe("GET /api/exports/transparency", () => {
  it("lists spend over £500 in the range, credit notes included, individuals redacted", async () => {
    const { response, rows } = await csvFor(`from=2019-04-01&to=2020-03-31&programmeId=${dartington.programmeId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toContain("spend-over-500-2019-04-01-to-2020-03-31.csv");
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "Body name",
      "Date incurred",
      "Transaction number",
      "Department",
      "Beneficiary",
      "Summary of purpose",
      "Merchant category",
      "Amount (£)",
      "Irrecoverable VAT (£)",
    ]);
    const byReference = Object.fromEntries(rows.map((row) => [row["Transaction number"], row]));
    expect(Object.keys(byReference).sort()).toEqual(["CREDIT-NOTE", "DSDL-INV-1041", "DSDL-INV-1102", "JUST-OVER"]);
    expect(byReference["JUST-OVER"]).toMatchObject({ Beneficiary: REDACTED, "Amount (£)": "500.01" });
    expect(byReference["CREDIT-NOTE"]?.["Amount (£)"]).toBe("-750.00");
    expect(byReference["DSDL-INV-1041"]).toMatchObject({
      "Body name": "Oldham Council",
      "Date incurred": "2019-10-31",
      Beneficiary: "Dartington Service Design Lab",
      "Amount (£)": "35000.00",
      "Irrecoverable VAT (£)": "0.00",
    });
  });

  it("streams past one batch without losing or repeating a row", async () => {
    await test.prisma.spend.createMany({
      data: Array.from({ length: 2_050 }, (_, index) => ({
        programmeId: dartington.programmeId,
        costLineId: dartington.costLineId,
        // Many rows share a date, so the order must also use the id.
        spentOn: new Date(Date.UTC(2021, 5, 1 + (index % 7))),
        amountPence: 60_000n + BigInt(index),
        supplierName: "Batch supplier",
        reference: `BATCH-${index}`,
      })),
    });
    const { rows } = await csvFor(`from=2021-06-01&to=2021-06-30&programmeId=${dartington.programmeId}`);
    expect(rows).toHaveLength(2_050);
    expect(new Set(rows.map((row) => row["Transaction number"])).size).toBe(2_050);
  });

  it("keeps a spreadsheet from running a beneficiary's name as a formula, and leaves credits as numbers", async () => {
    await test.prisma.spend.create({
      data: {
        programmeId: dartington.programmeId,
        costLineId: dartington.costLineId,
        spentOn: new Date("2021-05-05"),
        amountPence: -90_000n,
        supplierName: '=HYPERLINK("http://example.test","Refund")',
        reference: "FORMULA",
      },
    });
    const { rows } = await csvFor(`from=2021-05-05&to=2021-05-05&programmeId=${dartington.programmeId}`);
    expect(rows.map((row) => [row.Beneficiary, row["Amount (£)"] ?? Object.values(row)[7]])).toEqual([
      ['\'=HYPERLINK("http://example.test","Refund")', "-900.00"],
    ]);
  });

  it("refuses a range that ends before it starts, naming the field", async () => {
    const response = await test.inject({ url: "/api/exports/transparency?from=2020-04-01&to=2020-03-31" });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].path).toBe("to");
  });

  it("leaves out programmes outside the caller's scope", async () => {
    const outsider = await test.signInNew({ role: "viewer", organisationId: test.as("viewer").organisationId });
    const response = await outsider.inject({ url: "/api/exports/transparency?from=2019-04-01&to=2020-03-31" });
    expect(response.body.trim().split("\n")).toHaveLength(1);
    // The administrator sees every programme's: the Dartington rows and the digital programme's.
    const { rows } = await csvFor("from=2019-04-01&to=2020-03-31");
    expect(rows.length).toBeGreaterThan(4);
  });
});
