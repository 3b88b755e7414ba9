// Figures "as at" a past moment are what Fundline held then: after any sequence of money writes,
// a programme's reconciliation, the portfolio's findings and the dashboard (one programme's and
// every programme's) as at the moment after each write equal what they answered live at that
// moment (a copy of the database stopped then would answer the same), and as at now they equal
// the live figures.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "./test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
let commitmentId: string;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  commitmentId = (
    await test.prisma.fundingCommitment.findFirstOrThrow({
      where: { programmeId: dartington.programmeId, retiredAt: null },
      orderBy: { amountPence: "desc" },
    })
  ).id;
});
afterAll(() => test.close());

type Write =
  | { kind: "pay"; pence: number; day: number }
  | { kind: "correct"; pence: number }
  | { kind: "redate"; day: number }
  | { kind: "retire payment" }
  | { kind: "receive"; pence: number }
  | { kind: "retire receipt" }
  | { kind: "award"; pence: number }
  | { kind: "cost"; pence: number };

const writes = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant("pay" as const),
      pence: fc.integer({ min: -50_000, max: 900_000 }),
      day: fc.nat(700),
    }),
    fc.record({ kind: fc.constant("correct" as const), pence: fc.integer({ min: 1, max: 900_000 }) }),
    fc.record({ kind: fc.constant("redate" as const), day: fc.nat(700) }),
    fc.constant({ kind: "retire payment" as const }),
    fc.record({ kind: fc.constant("receive" as const), pence: fc.integer({ min: 1, max: 2_000_000 }) }),
    fc.constant({ kind: "retire receipt" as const }),
    fc.record({ kind: fc.constant("award" as const), pence: fc.integer({ min: 8_000_000, max: 12_000_000 }) }),
    fc.record({ kind: fc.constant("cost" as const), pence: fc.integer({ min: 0, max: 20_000_000 }) }),
  ),
  { minLength: 3, maxLength: 7 },
);

const payments: { id: string; version: number }[] = [];
const receipts: { id: string; version: number }[] = [];

async function carryOut(write: Write) {
  const post = (url: string, payload: object) => test.inject({ method: "POST", url, payload });
  const patch = (url: string, payload: object) => test.inject({ method: "PATCH", url, payload });
  const day = (offset: number) => new Date(Date.parse("2019-09-01") + offset * 86_400_000).toISOString().slice(0, 10);
  let response: Awaited<ReturnType<typeof post>> | null = null;
  if (write.kind === "pay") {
    response = await post("/api/spend", {
      programmeId: dartington.programmeId,
      costLineId: dartington.costLineId,
      spentOn: day(write.day),
      amountPence: write.pence === 0 ? 1 : write.pence,
      supplierName: "As-at Supplies Ltd",
    });
    payments.push(response.json());
  } else if (write.kind === "correct" && payments.length) {
    const payment = payments[payments.length - 1]!;
    response = await patch(`/api/spend/${payment.id}`, { version: payment.version, amountPence: write.pence });
    if (response.statusCode === 200) payments[payments.length - 1] = response.json();
  } else if (write.kind === "redate" && payments.length) {
    const payment = payments[payments.length - 1]!;
    response = await patch(`/api/spend/${payment.id}`, { version: payment.version, spentOn: day(write.day) });
    if (response.statusCode === 200) payments[payments.length - 1] = response.json();
  } else if (write.kind === "retire payment" && payments.length) {
    const payment = payments.pop()!;
    response = await post(`/api/spend/${payment.id}/retire`, { version: payment.version, reason: "As-at test" });
  } else if (write.kind === "receive") {
    response = await post("/api/receipts", { commitmentId, receivedOn: "2020-01-15", amountPence: write.pence });
    receipts.push(response.json());
  } else if (write.kind === "retire receipt" && receipts.length) {
    const receipt = receipts.pop()!;
    response = await post(`/api/receipts/${receipt.id}/retire`, { version: receipt.version, reason: "As-at test" });
  } else if (write.kind === "award") {
    const { version } = (await test.inject({ url: `/api/commitments/${commitmentId}` })).json();
    response = await patch(`/api/commitments/${commitmentId}`, { version, amountPence: write.pence, profile: [] });
  } else if (write.kind === "cost") {
    const { version } = (await test.inject({ url: `/api/programmes/${dartington.programmeId}` })).json();
    response = await patch(`/api/programmes/${dartington.programmeId}`, { version, totalCostPence: write.pence });
  }
  // A write the rules refuse (more allocated than a smaller award) changes nothing: still a moment.
  if (response) expect(response.statusCode, response.body).toBeLessThan(500);
}

const figuresNow = async (asAt?: string) => {
  const query = asAt ? `?asAt=${encodeURIComponent(asAt)}` : "";
  const reconciliation = await test.inject({
    url: `/api/programmes/${dartington.programmeId}/reconciliation${query}`,
  });
  const dashboard = await test.inject({
    url: `/api/dashboard?programmeId=${dartington.programmeId}${asAt ? `&asAt=${encodeURIComponent(asAt)}` : ""}`,
  });
  // The whole portfolio too: every programme's findings, and the dashboard of all of them.
  const portfolio = await test.inject({
    url: `/api/reconciliation?pageSize=200${asAt ? `&asAt=${encodeURIComponent(asAt)}` : ""}`,
  });
  const everything = await test.inject({ url: `/api/dashboard${query}` });
  for (const response of [reconciliation, dashboard, portfolio, everything])
    expect(response.statusCode, response.body).toBe(200);
  const { asAt: _moment, ...reconciled } = reconciliation.json();
  const { asAt: _when, today: _today, ...glance } = dashboard.json();
  const { asAt: _then, ...findings } = portfolio.json();
  const { asAt: _at, today: _day, ...whole } = everything.json();
  return { reconciled, glance, findings, whole };
};

const databaseNow = async () =>
  (await test.prisma.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`)[0]!.now.toISOString();

describe("figures as at a past moment", () => {
  it("equal, after any writes, what was answered live at each moment, and as at now the live figures", async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (sequence) => {
        const moments: { at: string; figures: Awaited<ReturnType<typeof figuresNow>> }[] = [];
        for (const write of sequence) {
          await carryOut(write);
          moments.push({ at: await databaseNow(), figures: await figuresNow() });
        }
        for (const moment of moments) {
          expect(await figuresNow(moment.at)).toEqual(moment.figures);
        }
        expect(await figuresNow(await databaseNow())).toEqual(await figuresNow());
      }),
      { numRuns: Number(process.env.AS_AT_RUNS ?? 4) },
    );
  });

  it("shows a day's figures as at its end, and says which moment", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const response = await test.inject({
      url: `/api/programmes/${dartington.programmeId}/reconciliation?asAt=${today}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const live = await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` });
    const { asAt, ...figures } = response.json();
    const { asAt: none, ...liveFigures } = live.json();
    // Today, as a day, is as Fundline holds it now.
    expect(Date.parse(asAt)).toBeLessThanOrEqual(Date.now());
    expect(none).toBeNull();
    expect(figures).toEqual(liveFigures);
  });

  it.each([
    ["a day still to come", "2099-01-01", 422, "must not be in the future"],
    ["a moment before Fundline kept versions", "2020-03-31", 422, "when Fundline began keeping each version"],
    ["a moment without its offset", "2026-03-31T17:00:00", 400, "must be a day written YYYY-MM-DD"],
  ])("refuses %s, naming asAt", async (_case, asAt, status, words) => {
    const response = await test.inject({
      url: `/api/programmes/${dartington.programmeId}/reconciliation?asAt=${encodeURIComponent(asAt)}`,
    });
    expect(response.statusCode, response.body).toBe(status);
    const field = response.json().fields[0];
    expect(field.path).toMatch(/asAt$/);
    expect(field.message).toContain(words);
  });
});
