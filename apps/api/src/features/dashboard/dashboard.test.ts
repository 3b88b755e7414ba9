import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
let costLineId: string;
let gmcaId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId, costLineId } = await seedAndFindDartington(test.prisma));
  gmcaId = (
    await test.prisma.organisation.findFirstOrThrow({ where: { name: "Greater Manchester Combined Authority" } })
  ).id;
});
afterAll(() => test.close());

const dashboard = async (query = "") => {
  const response = await test.inject({ url: `/api/dashboard${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe("GET /api/dashboard", () => {
  it("adds up the portfolio's money as the programme list does, and the seed's £815,000 committed", async () => {
    const [figures, list] = await Promise.all([
      dashboard(),
      test.inject({ url: "/api/programmes?pageSize=500" }).then((response) => response.json()),
    ]);
    expect(figures.headline).toMatchObject({
      programmes: list.total,
      committedPence: list.totals.committedPence,
      allocatedPence: list.totals.allocatedPence,
      spentPence: list.totals.spentPence,
    });
    expect(figures.headline.committedPence).toBe(81_500_000);
    // Receipts, from the raw rows: the running totals must agree.
    const [receipts] = await test.prisma.$queryRaw<{ received: bigint }[]>`
      SELECT coalesce(sum(receipt."amountPence"), 0)::bigint AS received FROM "Receipt" receipt
      JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId"
      WHERE receipt."retiredAt" IS NULL AND commitment."retiredAt" IS NULL AND commitment."programmeId" IS NOT NULL`;
    expect(figures.headline.receivedPence).toBe(Number(receipts?.received));
  });

  it("gives a funder its own share: GMCA's £25,000 and its share of Dartington's £90,000, to the penny", async () => {
    const gmca = await dashboard(`?funderId=${gmcaId}`);
    expect(gmca.headline).toMatchObject({
      programmes: 1,
      committedPence: 2_500_000,
      allocatedPence: 2_500_000,
      // £90,000 × 25/105 = £21,428.571…: the leftover penny goes to the larger fraction (the OA Board's).
      spentPence: 2_142_857,
    });
    // The programme list and the Reconciliation totals say the same with GMCA chosen: its £25,000,
    // not the programme's £105,000, and its share of the spend, not the programme's £90,000.
    const list = (await test.inject({ url: `/api/programmes?funderId=${gmcaId}` })).json();
    expect(list.programmes).toEqual([
      expect.objectContaining({
        id: programmeId,
        committedPence: 2_500_000,
        allocatedPence: 2_500_000,
        spentPence: 2_142_857,
      }),
    ]);
    expect(list.totals).toEqual({ committedPence: 2_500_000, allocatedPence: 2_500_000, spentPence: 2_142_857 });
    const portfolio = (await test.inject({ url: `/api/reconciliation?funderId=${gmcaId}` })).json();
    expect(portfolio.totals).toMatchObject({ programmes: 1, committedPence: 2_500_000, spentPence: 2_142_857 });

    // Within 2019/20 only: £70,000 of spend, of which GMCA's share is £16,666.666… → £16,666.67.
    const inYear = await dashboard(`?funderId=${gmcaId}&financialYear=2019/20`);
    expect(inYear.headline.spentPence).toBe(1_666_667);
    // Every funder, 2019/20: the programmes running in the year and their spend within it, from the raw rows.
    const whole = await dashboard("?financialYear=2019/20");
    const [rows] = await test.prisma.$queryRaw<{ spent: bigint }[]>`
      SELECT coalesce(sum(spend."amountPence"), 0)::bigint AS spent FROM "Spend" spend
      JOIN "Programme" programme ON programme.id = spend."programmeId"
      WHERE spend."retiredAt" IS NULL AND programme."retiredAt" IS NULL
        AND spend."spentOn" BETWEEN '2019-04-01' AND '2020-03-31'
        AND (programme."startOn" IS NULL OR programme."startOn" <= '2020-03-31')
        AND (programme."endOn" IS NULL OR programme."endOn" >= '2019-04-01')`;
    expect(whole.headline.spentPence).toBe(Number(rows?.spent));
  });

  it("shows each funder's own share, and each year's profile against its spend, adding up to the whole", async () => {
    const all = await dashboard();
    const gmcaRow = all.byFunder.find((row: { funder: { id: string } }) => row.funder.id === gmcaId);
    expect(gmcaRow).toMatchObject({ committedPence: 2_500_000, allocatedPence: 2_500_000, spentPence: 2_142_857 });
    // Every penny spent is in one year, and attributed to one funder where its line is funded.
    const yearsSpent = all.byYear.reduce((sum: number, year: { spentPence: number }) => sum + year.spentPence, 0);
    expect(yearsSpent).toBe(all.headline.spentPence);

    // GMCA by year: its £25,000 profiled in 2019/20; of Dartington's £70,000 that year £16,666.67 is
    // GMCA's, and of the £20,000 in 2020/21 £4,761.90 (the odd penny to the OA Board's larger fraction).
    const gmca = await dashboard(`?funderId=${gmcaId}`);
    expect(gmca.byFunder).toEqual([
      expect.objectContaining({ funder: { id: gmcaId, name: "Greater Manchester Combined Authority" } }),
    ]);
    expect(gmca.byYear).toEqual([
      { financialYear: "2019/20", profiledPence: 2_500_000, spentPence: 1_666_667 },
      { financialYear: "2020/21", profiledPence: 0, spentPence: 476_190 },
    ]);
    expect(1_666_667 + 476_190).toBe(gmca.headline.spentPence);
  });

  it("draws spend over time from the monthly running totals, cumulative, for one programme", async () => {
    const dartington = await dashboard(`?programmeId=${programmeId}`);
    expect(dartington.headline.programmes).toBe(1);
    expect(dartington.spendOverTime).toEqual({
      period: "month",
      points: [
        { period: "2019-10", spentPence: 3_500_000, cumulativePence: 3_500_000 },
        { period: "2020-01", spentPence: 3_500_000, cumulativePence: 7_000_000 },
        { period: "2020-04", spentPence: 2_000_000, cumulativePence: 9_000_000 },
      ],
    });
    // With a funder, by financial year: its attributed share, cumulative.
    const gmca = await dashboard(`?programmeId=${programmeId}&funderId=${gmcaId}`);
    expect(gmca.spendOverTime).toEqual({
      period: "financialYear",
      points: [
        { period: "2019/20", spentPence: 1_666_667, cumulativePence: 1_666_667 },
        { period: "2020/21", spentPence: 476_190, cumulativePence: 2_142_857 },
      ],
    });
  });

  it("forecasts each running programme's outturn from its last six months' spend, and lists those off course", async () => {
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const lead = await test.prisma.organisation.findFirstOrThrow({ where: { name: { contains: "Oldham" } } });
    const created = await test.inject({
      method: "POST",
      url: "/api/programmes",
      payload: {
        name: "Burning fast",
        leadOrganisationId: lead.id,
        status: "active",
        startOn: day(-400),
        endOn: day(365),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const burning = created.json();
    const fund = await test.prisma.fund.findFirstOrThrow();
    const commitment = await test.prisma.fundingCommitment.create({
      data: { fundId: fund.id, programmeId: burning.id, title: "Grant", amountPence: 12_000_000n, status: "awarded" },
    });
    const line = await test.prisma.costLine.create({ data: { programmeId: burning.id, name: "Staff" } });
    await test.prisma.allocation.create({
      data: { commitmentId: commitment.id, costLineId: line.id, amountPence: 12_000_000n },
    });
    // £10,000 in each of the last six complete months: £60,000 so far, £10,000 a month to come.
    const now = new Date();
    for (let back = 1; back <= 6; back++) {
      const spentOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15));
      await test.prisma.spend.create({
        data: {
          programmeId: burning.id,
          costLineId: line.id,
          spentOn,
          amountPence: 1_000_000n,
          supplierName: "Agency",
        },
      });
    }
    const figures = await dashboard(`?programmeId=${burning.id}`);
    const forecast = figures.forecast;
    const monthsLeft = (Date.parse(burning.endOn) - Date.parse(figures.today)) / 86_400_000 / 30.4375;
    expect(forecast.outturnPence).toBe(6_000_000 + Math.round(1_000_000 * monthsLeft));
    expect(forecast).toMatchObject({
      overspending: 1,
      underspending: 0,
      lastEndOn: burning.endOn,
      thresholdPercent: 10,
    });
    expect(forecast.programmes).toEqual([
      expect.objectContaining({ id: burning.id, committedPence: 12_000_000, spentPence: 6_000_000 }),
    ]);
  });

  it("counts milestones by state, and marking one complete moves it from overdue to complete", async () => {
    const before = await dashboard();
    const milestone = (
      await test.inject({
        method: "POST",
        url: "/api/milestones",
        payload: {
          programmeId,
          description: "Board report on the programme",
          baselineOn: "2024-01-31",
          status: "at_risk",
        },
      })
    ).json();
    const overdue = await dashboard();
    expect(overdue.milestones.overdue).toBe(before.milestones.overdue + 1);
    expect(overdue.milestones.atRisk).toBe(before.milestones.atRisk);
    expect(overdue.overdue.map((due: { id: string }) => due.id)).toContain(milestone.id);
    const dartington = overdue.programmes.find((row: { id: string }) => row.id === programmeId);
    expect(dartington.overdue).toBeGreaterThanOrEqual(1);

    await test.inject({
      method: "PATCH",
      url: `/api/milestones/${milestone.id}`,
      payload: { version: 1, status: "met", actualOn: "2024-02-02" },
    });
    const after = await dashboard();
    expect(after.milestones.overdue).toBe(before.milestones.overdue);
    expect(after.milestones.complete).toBe(before.milestones.complete + 1);
    expect(after.overdue.map((due: { id: string }) => due.id)).not.toContain(milestone.id);
  });

  it("is kept between requests, and a new benefit reading or a payment is in the very next one", async () => {
    const created = await test.inject({
      method: "POST",
      url: "/api/benefits",
      payload: {
        programmeId,
        name: "Parents reporting better support",
        measure: "% of parents surveyed",
        benefitType: "direct",
        direction: "increase",
        unit: "%",
        targetValue: "75",
        expectedBy: "2026-01-31",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const benefit = created.json();
    const before = await dashboard();
    expect(await dashboard()).toEqual(before);
    const shown = (figures: { benefits: { id: string; latestReading: unknown }[] }) =>
      figures.benefits.find((each) => each.id === benefit.id)?.latestReading;
    expect(before.benefits.map((each: { name: string }) => each.name)).toContain("Parents reporting better support");
    expect(shown(before)).toBeNull();
    await test.inject({
      method: "POST",
      url: `/api/benefits/${benefit.id}/readings`,
      payload: { readOn: "2025-06-30", value: "61.25" },
    });
    expect(shown(await dashboard())).toEqual({ readOn: "2025-06-30", value: "61.25" });

    const spent = (await dashboard()).headline.spentPence;
    const payment = await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId,
        costLineId,
        spentOn: "2020-06-30",
        amountPence: 12_345,
        supplierName: "Dartington Service Design Lab",
      },
    });
    expect(payment.statusCode, payment.body).toBe(201);
    expect((await dashboard()).headline.spentPence).toBe(spent + 12_345);
  });

  it("sees only the programmes in the user's scope", async () => {
    const figures = (await test.as("viewer").inject({ url: "/api/dashboard" })).json();
    expect(figures.headline).toMatchObject({ programmes: 0, committedPence: 0, spentPence: 0 });
    expect(figures.milestones.total).toBe(0);
  });

  it("refuses a financial year that does not follow on, naming the field", async () => {
    const response = await test.inject({ url: "/api/dashboard?financialYear=2019/21" });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields[0].path).toBe("querystring.financialYear");
  });
});
