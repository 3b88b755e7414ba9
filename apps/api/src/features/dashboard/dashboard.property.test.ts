// The kept dashboard is brought up to date slice by slice after each write; these hold it, after
// random sequences of writes of every kind it reads, to the dashboard worked out whole, as one
// slice, from nothing kept in memory: for the whole portfolio, one funder, one year and one council.
import type { DashboardQuery } from "@fundline/schemas";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { runningTotalsDrift } from "../reconciliation/index.ts";
import { combineSlices } from "./combine.ts";
import { dashboard, dashboardCacheCounts } from "./dashboard.ts";
import { workOutSlices } from "./slices.ts";

let test: TestApp;
let programmes: { id: string; lines: string[]; commitments: string[]; milestones: string[]; benefits: string[] }[];
let queries: { query: DashboardQuery; scope: { organisationId: string | null } }[];

beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
  const seeded = await test.prisma.programme.findMany({
    include: { costLines: true, commitments: true, milestones: true, benefits: true },
    orderBy: { id: "asc" },
  });
  programmes = seeded.map((programme) => ({
    id: programme.id,
    lines: programme.costLines.map((line) => line.id),
    commitments: programme.commitments.map((commitment) => commitment.id),
    milestones: programme.milestones.map((milestone) => milestone.id),
    benefits: programme.benefits.map((benefit) => benefit.id),
  }));
  const [fund] = await test.prisma.fund.findMany({ orderBy: { id: "asc" }, take: 1 });
  const lead = seeded[0]?.leadOrganisationId ?? null;
  queries = [
    { query: {}, scope: { organisationId: null } },
    { query: { funderId: fund?.funderId }, scope: { organisationId: null } },
    { query: { financialYear: "2023/24" }, scope: { organisationId: null } },
    { query: {}, scope: { organisationId: lead } },
  ];
});
afterAll(() => test.close());

type Step =
  | { kind: "pay"; programme: number; line: number; named: number | null; pence: number; day: number }
  | { kind: "retire payment"; pick: number }
  | { kind: "allocate"; programme: number; line: number; commitment: number; pence: number }
  | { kind: "milestone"; programme: number; pick: number; status: number; day: number }
  | { kind: "reading"; programme: number; pick: number; value: number; day: number };

const STATUSES = ["not_started", "on_track", "at_risk", "delayed", "met", "cancelled"] as const;
const pick = <T>(list: T[], index: number) => list[index % list.length];
const dayFrom = (day: number) => new Date(Date.UTC(2021, 3, 1) + day * 86_400_000);

async function apply(step: Step, payments: string[]) {
  const programme = pick(programmes, "programme" in step ? step.programme : 0);
  if (!programme) return;
  switch (step.kind) {
    case "pay": {
      const line = pick(programme.lines, step.line);
      if (!line) return;
      const named = step.named === null ? null : (pick(programme.commitments, step.named) ?? null);
      const payment = await test.prisma.spend.create({
        data: {
          programmeId: programme.id,
          costLineId: line,
          commitmentId: named,
          spentOn: dayFrom(step.day),
          amountPence: BigInt(step.pence),
          supplierName: "Property supplier",
        },
      });
      payments.push(payment.id);
      return;
    }
    case "retire payment": {
      const payment = pick(payments, step.pick);
      if (payment)
        await test.prisma.spend.update({
          where: { id: payment },
          data: { retiredAt: new Date(), retirementReason: "Property test" },
        });
      return;
    }
    case "allocate": {
      const line = pick(programme.lines, step.line);
      const commitment = pick(programme.commitments, step.commitment);
      if (line && commitment)
        await test.prisma.allocation.create({
          data: { costLineId: line, commitmentId: commitment, amountPence: BigInt(step.pence) },
        });
      return;
    }
    case "milestone": {
      const milestone = pick(programme.milestones, step.pick);
      if (milestone)
        await test.prisma.milestone.update({
          where: { id: milestone },
          data: { status: STATUSES[step.status % STATUSES.length], forecastOn: dayFrom(step.day) },
        });
      return;
    }
    case "reading": {
      const benefit = pick(programme.benefits, step.pick);
      if (benefit)
        await test.prisma.benefitReading.create({
          data: { benefitId: benefit, readOn: dayFrom(step.day), value: step.value, status: "approved" },
        });
      return;
    }
  }
}

it("keeps the dashboard equal to one worked out whole after any sequence of writes", async () => {
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant("pay" as const),
      programme: fc.nat(20),
      line: fc.nat(5),
      named: fc.option(fc.nat(5)),
      pence: fc.integer({ min: -2_000_000, max: 90_000_000 }).filter((pence) => pence !== 0),
      day: fc.nat(2_600),
    }),
    fc.record({ kind: fc.constant("retire payment" as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant("allocate" as const),
      programme: fc.nat(20),
      line: fc.nat(5),
      commitment: fc.nat(5),
      pence: fc.integer({ min: 1, max: 30_000_000 }),
    }),
    fc.record({
      kind: fc.constant("milestone" as const),
      programme: fc.nat(20),
      pick: fc.nat(30),
      status: fc.nat(5),
      day: fc.nat(2_600),
    }),
    fc.record({
      kind: fc.constant("reading" as const),
      programme: fc.nat(20),
      pick: fc.nat(5),
      value: fc.integer({ min: 0, max: 100 }),
      day: fc.nat(2_600),
    }),
  );
  const payments: string[] = [];
  // Worked out once at the start, so every later request is brought up to date slice by slice.
  for (const { query, scope } of queries) await dashboard(test.prisma, query, scope);
  const before = { ...dashboardCacheCounts };
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
      for (const each of steps) await apply(each, payments);
      for (const { query, scope } of queries) {
        const today = (await dashboard(test.prisma, query, scope)).today;
        const whole = combineSlices(await workOutSlices(test.prisma, query, scope, today, { whole: true }), today);
        expect(await dashboard(test.prisma, query, scope)).toEqual(whole);
      }
    }),
    { numRuns: 40 },
  );
  // The kept dashboards were brought up to date in slices, never worked out whole again.
  expect(dashboardCacheCounts.computed - before.computed).toBe(0);
  expect(dashboardCacheCounts.updated - before.updated).toBeGreaterThanOrEqual(40);
  // And the kept shares of unnamed spend, with every running total, stayed exact.
  expect(await runningTotalsDrift(test.prisma)).toEqual([]);
}, 240_000);
