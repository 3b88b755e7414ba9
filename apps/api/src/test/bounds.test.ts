// Fundline's plausible bounds (packages/domain/src/bounds.ts) hold at every door: requests are
// refused at the edge with the field and the reason, and no sequence of accepted writes can push
// a running total past what a read can show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptTotalNamed } from "../lib/records.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "./test-app.ts";

let test: TestApp;
let programmeId: string;
let costLineId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId, costLineId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

const payment = (amountPence: number, spentOn = "2020-06-30") => ({
  programmeId,
  costLineId,
  spentOn,
  amountPence,
  supplierName: "Bounds Testing Ltd",
  reference: null,
  department: null,
  purpose: null,
  merchantCategory: null,
  commitmentId: null,
});

const fieldsOf = (body: { fields?: { path: string; message: string }[] }) =>
  Object.fromEntries((body.fields ?? []).map((field) => [field.path, field.message]));

describe("bounds on what a request may say", () => {
  it.each([
    ["/api/programmes?financialYear=2024%2F99", "querystring.financialYear"],
    ["/api/programmes?financialYear=2024%2F26", "querystring.financialYear"],
    ["/api/spend?financialYear=0000%2F01", "querystring.financialYear"],
    ["/api/exports/transparency?from=0000-01-01&to=2021-01-01", "querystring.from"],
    ["/api/exports/transparency?from=2020-01-01&to=9999-12-31", "querystring.to"],
    ["/api/receipts?from=1989-12-31", "querystring.from"],
  ])("GET %s is refused with 400 naming %s, and the server keeps answering", async (url, field) => {
    const response = await test.inject({ url });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response.json()))).toContain(field);
    expect((await test.inject({ url: "/api/programmes" })).statusCode).toBe(200);
  });

  it.each([
    [{ amountPence: 100_000_000_001 }, "body.amountPence", "must be at most £1,000,000,000.00 either way"],
    [{ amountPence: -9_007_199_254_740_991 }, "body.amountPence", "must be at most £1,000,000,000.00 either way"],
    [{ spentOn: "0001-01-01" }, "body.spentOn", "must be between 1990-01-01 and 2100-12-31"],
    [{ spentOn: "2101-01-01" }, "body.spentOn", "must be between 1990-01-01 and 2100-12-31"],
  ])("a payment with %j is refused: %s %s", async (change, field, reason) => {
    const response = await test.inject({ method: "POST", url: "/api/spend", payload: { ...payment(100), ...change } });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())[field]).toBe(reason);
  });

  it("accepts the largest amount and the first and last days", async () => {
    for (const [amount, day] of [
      [100_000_000_000, "1990-01-01"],
      [-100_000_000_000, "2100-12-31"],
    ] as const) {
      expect((await test.inject({ method: "POST", url: "/api/spend", payload: payment(amount, day) })).statusCode).toBe(
        201,
      );
    }
  });
});

describe("running totals stay within what a read can show", () => {
  it("refuses the payment that would take the programme's spend past £10,000,000,000.00, and every read still works", async () => {
    const before = await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId } });
    // Up to the bound in the largest single payments…
    const room = 1_000_000_000_000n - before.spentPence;
    const largest = 100_000_000_000n;
    for (let paid = 0n; paid + largest <= room; paid += largest) {
      const response = await test.inject({ method: "POST", url: "/api/spend", payload: payment(Number(largest)) });
      expect(response.statusCode).toBe(201);
    }
    // …and the next one is refused, naming the total.
    const refused = await test.inject({ method: "POST", url: "/api/spend", payload: payment(Number(largest)) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain("£10,000,000,000.00");
    expect(refused.json().message).toMatch(/(programme|cost line)'s spend past/);

    for (const url of [
      "/api/programmes",
      "/api/programmes?format=csv",
      `/api/programmes/${programmeId}`,
      `/api/programmes/${programmeId}/reconciliation`,
      "/api/reconciliation",
    ]) {
      expect((await test.inject({ url })).statusCode, url).toBe(200);
    }
    const after = await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId } });
    expect(after.spentPence).toBeLessThanOrEqual(1_000_000_000_000n);
  });

  it("every running total the database bounds is named, in a user's words, by the record that keeps it", async () => {
    const bounded = await test.prisma.$queryRaw<{ table: string }[]>`
      SELECT DISTINCT conrelid::regclass::text AS table FROM pg_constraint
      WHERE contype = 'c' AND conname LIKE '%\_within\_bounds' AND conrelid::regclass::text LIKE '%Total"'`;
    const tables = bounded.map(({ table }) => table.replaceAll('"', "")).sort();
    expect(tables).toEqual([
      "CommitmentTotal",
      "CommitmentYearTotal",
      "CostLineTotal",
      "CostLineYearTotal",
      "CostSharingPaymentTotal",
      "CostSharingTotal",
      "ProgrammeMonthTotal",
      "ProgrammeTotal",
    ]);
    expect(Object.fromEntries(tables.map((table) => [table, keptTotalNamed(table)]))).toEqual({
      CommitmentTotal: "the commitment's",
      CommitmentYearTotal: "the commitment's one-year",
      CostLineTotal: "the cost line's",
      CostLineYearTotal: "the cost line's one-year",
      CostSharingPaymentTotal: "a partner's cost-sharing",
      CostSharingTotal: "the cost-sharing agreement's",
      ProgrammeMonthTotal: "the programme's month's",
      ProgrammeTotal: "the programme's",
    });
  });
});

describe("nonsense is refused", () => {
  it("refuses VAT larger than its payment, on creation and on a change", async () => {
    const created = await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: { ...payment(10_000), irrecoverableVatPence: 10_001 },
    });
    expect(created.statusCode).toBe(422);
    expect(fieldsOf(created.json()).irrecoverableVatPence).toBe("the VAT (£100.01) is more than the payment (£100.00)");
    const sound = (
      await test.inject({
        method: "POST",
        url: "/api/spend",
        payload: { ...payment(-10_000), irrecoverableVatPence: 10_000 },
      })
    ).json();
    const changed = await test.inject({
      method: "PATCH",
      url: `/api/spend/${sound.id}`,
      payload: { version: sound.version, amountPence: -9_999 },
    });
    expect(changed.statusCode).toBe(422);
  });

  it.each([-1, -9_007_199_254_740_991, 0])("refuses a receipt of %dp", async (amountPence) => {
    const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({
      where: { programmeId, status: "awarded" },
    });
    const response = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: commitment.id, receivedOn: "2020-05-01", amountPence },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response.json()))).toEqual(["body.amountPence"]);
  });

  it.each([
    ["a NUL", "Early years\u0000 programme"],
    ["an ANSI escape", "Early years \u001b[31mprogramme"],
    ["a lone surrogate", "Early years \ud800 programme"],
  ])("refuses %s in a programme's name", async (_case, name) => {
    const programme = await test.prisma.programme.findUniqueOrThrow({ where: { id: programmeId } });
    const response = await test.inject({
      method: "PATCH",
      url: `/api/programmes/${programmeId}`,
      payload: { version: programme.version, name },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())["body.name"]).toMatch(/control characters|valid Unicode/);
  });
});

describe("every programme's totals added together stay exact", () => {
  it("refuses the payment that would take the sum of every programme's spend past an exact JSON number", async () => {
    const lead = (await test.prisma.programme.findUniqueOrThrow({ where: { id: programmeId } })).leadOrganisationId;
    // 9,006 programmes at the £10bn bound leave less room than one largest payment.
    await test.prisma.$executeRaw`
      INSERT INTO "Programme" (name, "leadOrganisationId", status)
      SELECT 'Bounds programme ' || n, ${lead}::uuid, 'active' FROM generate_series(1, 9007) AS n`;
    const [{ spent } = { spent: 0n }] = await test.prisma.$queryRaw<{ spent: bigint }[]>`
      SELECT coalesce(sum(abs("spentPence")), 0)::bigint AS spent FROM "ProgrammeTotal"`;
    const room = 9_007_199_254_740_991n - spent;
    const full = (room - 50_000_000_000n) / 1_000_000_000_000n;
    const last = room - 50_000_000_000n - full * 1_000_000_000_000n;
    await test.prisma.$executeRaw`
      INSERT INTO "ProgrammeTotal" ("programmeId", "spentPence")
      SELECT id, CASE WHEN row_number() OVER (ORDER BY id) <= ${full} THEN 1000000000000 ELSE ${last} END
      FROM "Programme" WHERE name LIKE 'Bounds programme %' ORDER BY id LIMIT ${full + 1n}`;

    // On another programme's line: Dartington's is full since the test above.
    const line = await test.prisma.costLine.findFirstOrThrow({
      where: { programmeId: { not: programmeId }, programme: { name: { not: { startsWith: "Bounds" } } } },
    });
    const refused = await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: { ...payment(100_000_000_000), programmeId: line.programmeId, costLineId: line.id },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe(
      "amountPence: this would take every programme's totals together past £90,071,992,547,409.91, the most Fundline can add up exactly",
    );
    for (const url of ["/api/programmes", "/api/reconciliation"]) {
      expect((await test.inject({ url })).statusCode, url).toBe(200);
    }
  });
});
