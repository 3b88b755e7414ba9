import type { PortfolioFlag, PortfolioReconciliationQuery, ReconciliationFlag } from "@fundline/schemas";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { portfolioCacheCounts, reconcilePortfolio } from "./portfolio-reconciliation.ts";
import { reconcileProgramme } from "./programme-reconciliation.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  // Problems of every kind on top of the seed's own: a funding gap and an overspent line
  // (Dartington), an over-allocated commitment, and spend on a line nobody funds.
  await test.prisma.programme.update({ where: { id: dartington.programmeId }, data: { totalCostPence: 12_000_000n } });
  await test.prisma.spend.create({
    data: {
      programmeId: dartington.programmeId,
      costLineId: dartington.costLineId,
      spentOn: new Date("2020-06-30"),
      amountPence: 2_000_000n,
      supplierName: "Dartington Service Design Lab",
    },
  });
  const allocation = await test.prisma.allocation.findFirstOrThrow({ where: { costLineId: dartington.costLineId } });
  await test.prisma.allocation.create({
    data: { commitmentId: allocation.commitmentId, costLineId: dartington.costLineId, amountPence: 1n },
  });
  const unfunded = await test.prisma.costLine.create({
    data: { programmeId: dartington.programmeId, name: "Nobody's line" },
  });
  await test.prisma.spend.create({
    data: {
      programmeId: dartington.programmeId,
      costLineId: unfunded.id,
      spentOn: new Date("2020-05-01"),
      amountPence: 12_345n,
      supplierName: "Caterer",
    },
  });
});
afterAll(() => test.close());

const ADMIN = { organisationId: null };
const everything = { page: 1, pageSize: 500 } as const;
const key = (flag: ReconciliationFlag) => `${flag.code} ${flag.subject.id} ${JSON.stringify(flag.figures)}`;

describe("portfolio reconciliation", () => {
  it("raises exactly the flags each programme's own reconciliation raises, on any day", async () => {
    const programmes = await test.prisma.programme.findMany({
      where: { retiredAt: null },
      select: { id: true, endOn: true },
    });
    // Fixed days, and a month before each programme's end, when unspent money is at risk.
    const days = [
      ...["2020-06-01", "2022-10-01", "2026-11-22"].map((day) => new Date(`${day}T12:00:00Z`)),
      ...programmes.flatMap((programme) =>
        programme.endOn ? [new Date(programme.endOn.getTime() - 30 * 86_400_000)] : [],
      ),
    ];
    const codesSeen = new Set<string>();
    for (const today of days) {
      const expected = (
        await Promise.all(
          programmes.map((programme) => reconcileProgramme(test.prisma, programme.id, { today: today })),
        )
      ).flatMap((reconciliation) => reconciliation.flags);
      const portfolio = await reconcilePortfolio(test.prisma, everything, ADMIN, today);
      expect(portfolio.flags.map(key).sort(), today.toISOString()).toEqual(expected.map(key).sort());
      expect(portfolio.total).toBe(expected.length);
      for (const flag of portfolio.flags) codesSeen.add(flag.code);
    }
    expect(codesSeen.size).toBe(9);
  });

  it("finds each kind of problem with its figures, and totals them", async () => {
    const portfolio = await reconcilePortfolio(test.prisma, everything, ADMIN, new Date("2020-06-01T12:00:00Z"));
    const codes = new Set(portfolio.flags.map((flag) => flag.code));
    expect([...codes].sort()).toEqual([
      "CAPITAL_SPENT_OUTSIDE_YEAR",
      "COMMITMENT_OVER_ALLOCATED",
      "COMMITTED_UNSPENT_AFTER_END",
      "LINE_OVERSPENT",
      "PARTNER_BEHIND_SHARE",
      "PROGRAMME_NOT_FULLY_FUNDED",
      "SPEND_OUTSIDE_PROGRAMME_DATES",
      "SPEND_WITHOUT_ALLOCATION",
    ]);
    // The Development Demonstrator ended in 2013 with £7,360 of its funding unspent.
    const demonstrator = portfolio.flags.filter(
      (flag) =>
        flag.code === "COMMITTED_UNSPENT_AFTER_END" &&
        flag.programme.name === "Development Demonstrator for Early and Foundation Years",
    );
    expect(demonstrator.reduce((sum, flag) => sum + Number(flag.figures.unspentPence), 0)).toBe(736_000);
    const gap = portfolio.flags.find((flag) => flag.code === "PROGRAMME_NOT_FULLY_FUNDED");
    expect(gap).toMatchObject({
      programme: { id: dartington.programmeId, name: "Early years outcomes programme" },
      figures: { totalCostPence: 12_000_000, committedPence: 10_500_000, gapPence: 1_500_000 },
    });
    expect(portfolio.flags.find((flag) => flag.code === "SPEND_WITHOUT_ALLOCATION")?.figures).toEqual({
      allocatedPence: 0,
      spentPence: 12_345,
    });
    // High first; the counts add up to the list.
    expect(portfolio.flags[0]?.severity).toBe("high");
    const { bySeverity, byCode } = portfolio.totals;
    expect(bySeverity.high + bySeverity.medium + bySeverity.low).toBe(portfolio.total);
    expect(byCode.reduce((sum, entry) => sum + entry.count, 0)).toBe(portfolio.total);
    // The seed's programmes with a total cost: only Dartington is short, by £15,000.
    expect(portfolio.totals.shortfallPence).toBe(1_500_000);
  });

  it("lists the most serious first, then by programme name, each programme's flags in the rules' order", async () => {
    const { flags } = await reconcilePortfolio(test.prisma, everything, ADMIN, new Date("2026-11-22T12:00:00Z"));
    expect(new Set(flags.map((flag) => flag.severity)).size).toBeGreaterThan(1);
    expect(new Set(flags.map((flag) => flag.programme.id)).size).toBeGreaterThan(1);
    const rank = { high: 0, medium: 1, low: 2 };
    const ordered = [...flags].sort(
      (a, b) =>
        rank[a.severity] - rank[b.severity] ||
        a.programme.name.localeCompare(b.programme.name) ||
        a.programme.id.localeCompare(b.programme.id),
    );
    expect(flags).toEqual(ordered);
  });

  it("filters by severity, code, organisation, funder and financial year over HTTP", async () => {
    const get = async (query: string) => {
      const response = await test.inject({ url: `/api/reconciliation?pageSize=500&${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { flags: PortfolioFlag[]; total: number; totals: { programmes: number } };
    };
    const all = await get("");
    const high = await get("severity=high");
    expect(high.flags.every((flag) => flag.severity === "high")).toBe(true);
    expect(high.total).toBe(all.flags.filter((flag) => flag.severity === "high").length);

    const gaps = await get("code=PROGRAMME_NOT_FULLY_FUNDED");
    expect(gaps.flags.map((flag) => flag.programme.name)).toEqual(["Early years outcomes programme"]);

    const tameside = await test.prisma.organisation.findFirstOrThrow({ where: { name: { contains: "Tameside" } } });
    const forTameside = await get(`organisationId=${tameside.id}`);
    expect(forTameside.flags.length).toBeGreaterThan(0);
    for (const flag of forTameside.flags) {
      const involved = await test.prisma.programme.count({
        where: {
          id: flag.programme.id,
          OR: [{ leadOrganisationId: tameside.id }, { partners: { some: { organisationId: tameside.id } } }],
        },
      });
      expect(involved, flag.programme.name).toBe(1);
    }

    const fund = await test.prisma.fund.findUniqueOrThrow({ where: { id: dartington.fundId } });
    const byFunder = await get(`funderId=${fund.funderId}`);
    expect(new Set(byFunder.flags.map((flag) => flag.programme.name))).toContain("Early years outcomes programme");

    // Dartington ran 2019–2020; nothing of it runs in 2030/31.
    const future = await get("financialYear=2030/31");
    expect(future.flags.some((flag) => flag.programme.id === dartington.programmeId)).toBe(false);

    // The digital programme's capital was spent in 2020/21, outside the year it was given for and
    // after the programme's own dates: choosing that year shows the finding, not "nothing to explain".
    const capital = all.flags.find((flag) => flag.code === "CAPITAL_SPENT_OUTSIDE_YEAR");
    expect(capital?.figures).toMatchObject({ financialYear: "2020/21", spentPence: 500_000 });
    const inThatYear = await get("financialYear=2020/21");
    expect(inThatYear.flags).toContainEqual(capital);
  });

  it("downloads every finding as CSV with its programme and figures", async () => {
    const json = (await test.inject({ url: "/api/reconciliation?severity=high" })).json();
    const csv = await test.inject({ url: "/api/reconciliation?severity=high&format=csv" });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split("\n");
    expect(lines).toHaveLength(json.total + 1);
    expect(lines[0]).toContain("programme.name");
  });

  it("shows a viewer only the flags of their own council's programmes", async () => {
    const viewer = test.as("viewer");
    const visible = await test.prisma.programme.findMany({
      where: {
        OR: [
          { leadOrganisationId: viewer.organisationId },
          { partners: { some: { organisationId: viewer.organisationId } } },
        ],
      },
      select: { id: true },
    });
    const response = await viewer.inject({ url: "/api/reconciliation?pageSize=500" });
    expect(response.statusCode).toBe(200);
    const ids = new Set(visible.map((programme) => programme.id));
    expect(response.json().flags.every((flag: PortfolioFlag) => ids.has(flag.programme.id))).toBe(true);
    expect(response.json().totals.programmes).toBe(visible.length);
  });

  it("pages without overlap and refuses bad filters naming the field", async () => {
    const all = await reconcilePortfolio(test.prisma, everything, ADMIN);
    const pages = await Promise.all(
      [1, 2, 3].map((page) => reconcilePortfolio(test.prisma, { page, pageSize: 2 }, ADMIN)),
    );
    expect(pages.flatMap((page) => page.flags.map(key))).toEqual(all.flags.slice(0, 6).map(key));
    // The last page there can be is empty, not an error (its offset is past a 32-bit number).
    const beyond = await test.inject({ url: "/api/reconciliation?page=2147483647&pageSize=500" });
    expect(beyond.statusCode, beyond.body).toBe(200);
    expect(beyond.json()).toMatchObject({ flags: [], total: all.total });
    const bad = await test.inject({ url: "/api/reconciliation?severity=urgent&financialYear=2020" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["querystring.financialYear", "querystring.severity"]);
  });

  it("serves a kept portfolio only while nothing it reads has changed, even a change in flight when it was computed", async () => {
    const unfunded = async () => {
      const portfolio = await reconcilePortfolio(
        test.prisma,
        { ...everything, code: "SPEND_WITHOUT_ALLOCATION" },
        ADMIN,
      );
      return portfolio.flags[0]?.figures.spentPence;
    };
    const line = await test.prisma.costLine.findFirstOrThrow({ where: { name: "Nobody's line" } });
    const addSpend = (prisma: Pick<typeof test.prisma, "spend">, pence: bigint) =>
      prisma.spend.create({
        data: {
          programmeId: dartington.programmeId,
          costLineId: line.id,
          spentOn: new Date("2020-05-02"),
          amountPence: pence,
          supplierName: "Caterer",
        },
      });
    const first = await unfunded();
    const served = portfolioCacheCounts.served;
    expect(await unfunded()).toBe(first);
    expect(portfolioCacheCounts.served).toBe(served + 1);

    // A change to something reconciliation does not read keeps it.
    await test.prisma.risk.create({
      data: { programmeId: dartington.programmeId, title: "Unrelated", likelihood: 1, impact: 1 },
    });
    expect(await unfunded()).toBe(first);
    expect(portfolioCacheCounts.served).toBe(served + 2);

    // A committed change is seen at once.
    await addSpend(test.prisma, 100n);
    expect(await unfunded()).toBe(Number(first) + 100);

    // A change still in flight while the portfolio is computed, committed afterwards.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const inFlight = new Promise<void>((resolve) => {
      written = resolve;
    });
    const writer = test.prisma.$transaction(async (tx) => {
      await addSpend(tx, 1_000n);
      written();
      await gate;
    });
    await inFlight;
    expect(await unfunded()).toBe(Number(first) + 100);
    release();
    await writer;
    expect(await unfunded()).toBe(Number(first) + 1_100);
  });

  it("keeps every programme's findings exact after any write: the portfolio equals each programme's own reconciliation", async () => {
    const today = new Date("2022-10-01T12:00:00Z");
    const [programmes, lines, commitments, organisations, funds, agreements] = await Promise.all([
      test.prisma.programme.findMany({ orderBy: { id: "asc" } }),
      test.prisma.costLine.findMany({ orderBy: { id: "asc" } }),
      test.prisma.fundingCommitment.findMany({ where: { programmeId: { not: null } }, orderBy: { id: "asc" } }),
      test.prisma.organisation.findMany({ orderBy: { id: "asc" } }),
      test.prisma.fund.findMany({ orderBy: { id: "asc" } }),
      test.prisma.costSharingAgreement.findMany({ orderBy: { id: "asc" } }),
    ]);
    const stockport = organisations.find((organisation) => organisation.name.startsWith("Stockport"))!;
    const funder = funds[0]!.funderId;
    // The whole portfolio, one funder's and one council's: a write can move a programme in or
    // out of the last two.
    const views: [PortfolioReconciliationQuery, { organisationId: string | null }][] = [
      [everything, ADMIN],
      [{ ...everything, funderId: funder }, ADMIN],
      [{ ...everything, organisationId: stockport.id }, { organisationId: stockport.id }],
    ];
    const pick = <T>(list: T[], index: number) => list[index % list.length]!;
    const day = (offset: number) => new Date(Date.UTC(2019, 0, 1) + offset * 86_400_000);
    const write = fc.oneof(
      fc
        .record({ line: fc.nat(), pence: fc.integer({ min: 1, max: 9_000_000 }), day: fc.nat(1_500) })
        .map((w) => async () => {
          const line = pick(lines, w.line);
          await test.prisma.spend.create({
            data: {
              programmeId: line.programmeId,
              costLineId: line.id,
              spentOn: day(w.day),
              amountPence: BigInt(w.pence),
              supplierName: "Portfolio test supplier",
              payingOrganisationId: pick(organisations, w.line).id,
            },
          });
        }),
      fc.record({ commitment: fc.nat(), pence: fc.nat(20_000_000) }).map((w) => async () => {
        const commitment = pick(commitments, w.commitment);
        const line = lines.find((candidate) => candidate.programmeId === commitment.programmeId);
        if (line)
          await test.prisma.allocation.create({
            data: { commitmentId: commitment.id, costLineId: line.id, amountPence: BigInt(w.pence) },
          });
      }),
      fc
        .record({
          commitment: fc.nat(),
          status: fc.constantFrom("awarded" as const, "withdrawn" as const, "received" as const),
        })
        .map((w) => async () => {
          await test.prisma.fundingCommitment.update({
            where: { id: pick(commitments, w.commitment).id },
            data: { status: w.status },
          });
        }),
      fc.record({ programme: fc.nat(), pence: fc.nat(50_000_000), end: fc.nat(1_500) }).map((w) => async () => {
        const programme = pick(programmes, w.programme);
        const starts = programme.startOn?.getTime() ?? Date.UTC(2019, 0, 1);
        await test.prisma.programme.update({
          where: { id: programme.id },
          data: { totalCostPence: BigInt(w.pence), endOn: new Date(starts + w.end * 86_400_000) },
        });
      }),
      fc.record({ programme: fc.nat() }).map((w) => async () => {
        // Stockport joins a programme, or leaves it again: the council's view changes.
        const programmeId = pick(programmes, w.programme).id;
        const joined = { programmeId, organisationId: stockport.id, role: "evaluator" as const };
        const removed = await test.prisma.programmePartner.deleteMany({ where: joined });
        if (!removed.count) await test.prisma.programmePartner.create({ data: joined });
      }),
      fc.record({ agreement: fc.nat(), from: fc.nat(1_500) }).map((w) => async () => {
        if (agreements.length)
          await test.prisma.costSharingAgreement.update({
            where: { id: pick(agreements, w.agreement).id },
            data: { effectiveFrom: day(w.from), effectiveTo: null },
          });
      }),
      fc.record({ organisation: fc.nat(), suffix: fc.nat(99) }).map((w) => async () => {
        const organisation = pick(organisations, w.organisation);
        await test.prisma.organisation.update({
          where: { id: organisation.id },
          data: { name: `${organisation.name.split(" #")[0]} #${w.suffix}` },
        });
      }),
      fc.record({ fund: fc.nat() }).map((w) => async () => {
        const fund = await test.prisma.fund.findUniqueOrThrow({ where: { id: pick(funds, w.fund).id } });
        await test.prisma.fund.update({
          where: { id: fund.id },
          data: { fundType: fund.fundType === "capital" ? "revenue" : "capital" },
        });
      }),
    );
    const whole = async (query: PortfolioReconciliationQuery, scope: { organisationId: string | null }) => {
      return reconcilePortfolio(test.prisma, query, scope, today, { keep: false });
    };
    for (const [query, scope] of views) await reconcilePortfolio(test.prisma, query, scope, today);
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 3 }), async (writes) => {
        for (const apply of writes) await apply();
        for (const [query, scope] of views) {
          const kept = await reconcilePortfolio(test.prisma, query, scope, today);
          expect(kept).toEqual(await whole(query, scope));
        }
        // The findings counted by the database (kept as the writes commit) are exactly the flags
        // the rules raise for each programme from scratch.
        const expected = (
          await Promise.all(
            programmes
              .filter((programme) => !programme.retiredAt)
              .map((programme) => reconcileProgramme(test.prisma, programme.id, { today: today })),
          )
        ).flatMap((reconciliation) => reconciliation.flags);
        const portfolio = await whole(everything, ADMIN);
        expect(portfolio.total).toBe(expected.length);
        expect(portfolio.flags.map(key).sort()).toEqual(expected.map(key).sort());
      }),
      { numRuns: 40 },
    );
  });

  it("brings a kept portfolio up to date once when many requests find it out of date together", async () => {
    const line = await test.prisma.costLine.create({
      data: { programmeId: dartington.programmeId, name: "Another line nobody funds" },
    });
    const unfunded = (portfolio: { flags: PortfolioFlag[] }) =>
      portfolio.flags.find((flag) => flag.code === "SPEND_WITHOUT_ALLOCATION" && flag.subject.id === line.id)?.figures
        .spentPence;
    await reconcilePortfolio(test.prisma, everything, ADMIN);
    for (let round = 1; round <= 5; round++) {
      await test.prisma.spend.create({
        data: {
          programmeId: dartington.programmeId,
          costLineId: line.id,
          spentOn: new Date("2020-05-03"),
          amountPence: 1_000n,
          supplierName: "Caterer",
        },
      });
      const { computed } = portfolioCacheCounts;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => reconcilePortfolio(test.prisma, everything, ADMIN)),
      );
      // Every answer has the payment just recorded; one request did the work.
      expect(answers.map(unfunded)).toEqual(Array(8).fill(round * 1_000));
      expect(portfolioCacheCounts.computed - computed).toBe(1);
    }
  });
});
