import { seedDemoProgrammes } from "@fundline/db/seed";
import { ProgrammeDetail, ProgrammeListResponse } from "@fundline/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedDemoProgrammes(test.prisma);
});
afterAll(() => test.close());

async function programmes() {
  const response = await test.inject({ method: "GET", url: "/api/programmes" });
  expect(response.statusCode).toBe(200);
  return ProgrammeListResponse.parse(response.json());
}

async function programmeNamed(prefix: string) {
  const list = await programmes();
  const summary = list.programmes.find((programme) => programme.name.startsWith(prefix));
  if (!summary) throw new Error(`no programme starting ${prefix}`);
  const response = await test.inject({ method: "GET", url: `/api/programmes/${summary.id}` });
  expect(response.statusCode).toBe(200);
  return ProgrammeDetail.parse(response.json());
}

describe("GET /api/programmes", () => {
  it("lists the five seed programmes with committed, allocated and spent pence", async () => {
    const list = await programmes();
    expect(list.total).toBe(5);
    const figures = Object.fromEntries(
      list.programmes.map((p) => [p.name, [p.leadOrganisation.name, p.committedPence, p.allocatedPence, p.spentPence]]),
    );
    expect(figures).toEqual({
      "Early years outcomes programme": ["Oldham Council", 10_500_000, 10_500_000, 9_000_000],
      "Children's and Early Years Digital Improvement Programme": ["Oldham Council", 8_000_000, 8_000_000, 8_000_000],
      "Development Demonstrator for Early and Foundation Years": [
        "Rotherham Metropolitan Borough Council",
        2_000_000,
        2_000_000,
        1_264_000,
      ],
      "New Models for LEAs pilot": ["Oxfordshire County Council", 35_000_000, 35_000_000, 34_125_000],
      "Shared early years education improvement leadership": [
        "Stockport Metropolitan Borough Council",
        26_000_000,
        26_000_000,
        11_000_000,
      ],
    });
  });

  it("totals every matching programme, not just the page, in SQL", async () => {
    const page = await test.inject({ url: "/api/programmes?pageSize=2" });
    expect(page.statusCode, page.body).toBe(200);
    const list = ProgrammeListResponse.parse(page.json());
    expect(list.programmes).toHaveLength(2);
    expect(list.total).toBe(5);
    // 105,000 + 80,000 + 20,000 + 350,000 + 260,000 committed; 90,000 + 80,000 + 12,640 + 341,250 + 110,000 spent.
    expect(list.totals).toEqual({ committedPence: 81_500_000, allocatedPence: 81_500_000, spentPence: 63_389_000 });
    const oldham = (await test.prisma.organisation.findFirstOrThrow({ where: { name: "Oldham Council" } })).id;
    const filtered = ProgrammeListResponse.parse(
      (await test.inject({ url: `/api/programmes?organisationId=${oldham}&pageSize=1` })).json(),
    );
    expect([filtered.total, filtered.totals]).toEqual([
      2,
      { committedPence: 18_500_000, allocatedPence: 18_500_000, spentPence: 17_000_000 },
    ]);
  });

  it("counts only awarded or received, unretired commitments and unretired spend", async () => {
    const before = (await programmes()).programmes.find((p) => p.name === "Early years outcomes programme")!;
    const programme = await test.prisma.programme.findUniqueOrThrow({
      where: { id: before.id },
      include: { commitments: true, costLines: true },
    });
    const fund = programme.commitments[0]!.fundId;
    // An application still pending and a retired award must not count as committed.
    await test.prisma.fundingCommitment.createMany({
      data: [
        { fundId: fund, programmeId: programme.id, title: "pending", amountPence: 100n, status: "applied" },
        {
          fundId: fund,
          programmeId: programme.id,
          title: "retired",
          amountPence: 200n,
          status: "awarded",
          retiredAt: new Date(),
          retirementReason: "test",
        },
      ],
    });
    // A credit note nets off; a retired payment does not count.
    await test.prisma.spend.createMany({
      data: [
        {
          programmeId: programme.id,
          costLineId: programme.costLines[0]!.id,
          spentOn: new Date("2020-05-01"),
          amountPence: -1_234n,
          supplierName: "Dartington Service Design Lab",
        },
        {
          programmeId: programme.id,
          costLineId: programme.costLines[0]!.id,
          spentOn: new Date("2020-05-02"),
          amountPence: 99_999n,
          supplierName: "x",
          retiredAt: new Date(),
          retirementReason: "keyed twice",
        },
      ],
    });
    const after = (await programmes()).programmes.find((p) => p.id === before.id)!;
    expect(after.committedPence).toBe(10_500_000);
    expect(after.spentPence).toBe(9_000_000 - 1_234);
  });
});

describe("GET /api/programmes/:id", () => {
  it("returns the £105,000 contract funded £80,000 + £25,000", async () => {
    const programme = await programmeNamed("Early years outcomes");
    expect(programme.totalCostPence).toBe(10_500_000);
    const awarded = programme.commitments
      .filter((c) => c.status === "awarded")
      .map((c) => [c.funder.name, c.amountPence]);
    expect(awarded).toEqual(
      expect.arrayContaining([
        ["Oldham Opportunity Area Board", 8_000_000],
        ["Greater Manchester Combined Authority", 2_500_000],
      ]),
    );
    expect(programme.commitments.find((c) => c.status === "unsuccessful")?.fund.name).toBe("Early Years Outcomes Fund");
    const [contract] = programme.costLines;
    expect(contract?.allocations.map((a) => a.amountPence).sort()).toEqual([2_500_000, 8_000_000]);
    expect(contract?.allocatedPence).toBe(10_500_000);
  });

  it("returns £80,000 of 2019/20 capital, three workstreams and the seed benefits", async () => {
    const programme = await programmeNamed("Children's and Early Years Digital");
    expect(programme.commitments).toHaveLength(1);
    expect(programme.commitments[0]).toMatchObject({
      amountPence: 8_000_000,
      fund: { name: "ICT Business Systems capital fund", fundType: "capital" },
      profile: [{ financialYear: "2019/20", amountPence: 8_000_000 }],
      decision: { decidedOn: "2019-11-13" },
    });
    expect(programme.workstreams.map((w) => w.name).sort()).toEqual([
      "Early Years Assessment Tracking",
      "Education Health Care Planning",
      "Fixed Penalty Notices",
    ]);
    const timeliness = programme.benefits.find((b) => b.name.startsWith("Improving timeliness"));
    expect([timeliness?.baselineValue, timeliness?.targetValue, timeliness?.unit]).toEqual([
      "25",
      "10",
      "working days",
    ]);
    expect(programme.benefits.find((b) => b.name.startsWith("Improving LA attendance"))?.targetValue).toBe("95.2");
    expect(programme.benefits.find((b) => b.name.startsWith("Increased revenue"))?.targetValue).toBe("12000000");
  });

  it("returns Rotherham's 10 site visits and at least 2 national meetings", async () => {
    const programme = await programmeNamed("Development Demonstrator");
    expect(programme.committedPence).toBe(2_000_000);
    expect(programme.deliverableTargets.map((t) => [t.description, t.targetCount, t.atLeast])).toEqual([
      ["Attend national meetings", 2, true],
      ["Host site visits for peer councils", 10, false],
    ]);
  });

  it("returns the New Models pilots and Wokingham's withdrawal", async () => {
    const programme = await programmeNamed("New Models");
    const pilots = Object.fromEntries(programme.costLines.map((line) => [line.name, line.allocatedPence]));
    expect(pilots["Secondary Headteachers' Networking and Benchmarking Club"]).toBe(800_000);
    expect(pilots["Value Added Supply Agency: investigation and service design"]).toBe(500_000);
    expect(pilots["Shared webspace"]).toBe(1_000_000);
    const wokingham = programme.partners.find((p) => p.organisation.name.startsWith("Wokingham"));
    expect(wokingham?.withdrewOn?.slice(0, 7)).toBe("2002-02");
  });

  it("returns the 50/50 shared posts, five milestones with their precision, and two risks", async () => {
    const programme = await programmeNamed("Shared early years");
    expect(programme.costSharingAgreements[0]?.shares.map((s) => [s.parts, s.percentage])).toEqual([
      [1, 50],
      [1, 50],
    ]);
    expect(programme.milestones.map((m) => m.baselineLabel)).toEqual([
      "March 2022",
      "Spring 2022",
      "April 2022",
      "June 2022",
      "End June 2022",
    ]);
    expect(programme.milestones[1]).toMatchObject({ baselinePrecision: "season", baselineOn: "2022-05-31" });
    // Agreed 13 May 2022 against an April 2022 baseline: 13 days late.
    expect(programme.milestones[2]?.slippageDays).toBe(13);
    expect(programme.risks.map((r) => r.title).sort()).toEqual([
      "Governance arrangements",
      "Maintaining level of service",
    ]);
  });

  it("answers 404 for an unknown programme and 400 naming the field for a malformed id", async () => {
    const missing = await test.inject({ url: "/api/programmes/00000000-0000-4000-8000-000000000000" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: "Not Found", requestId: expect.any(String) });
    const malformed = await test.inject({ url: "/api/programmes/42" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().fields).toEqual([{ path: "params.id", message: expect.any(String) }]);
  });
});
