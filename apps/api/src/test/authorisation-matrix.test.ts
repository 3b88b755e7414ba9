// Every API route × every role: a route added without an access rule stops the app starting,
// and every route's answers are checked against the matrix written by hand in
// expected-access.ts (not against the route's own rule). Requests use made-up ids and empty bodies: what matters is whether the request
// got past sign-in and authorisation (401/403) or not.
import { ROLES, type Role, seesEveryProgramme } from "@fundline/domain";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_ACCESS, PUBLIC_ROUTES } from "./expected-access.ts";
import { buildTestApp, type SignedIn, type TestApp } from "./test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const urlOf = (url: string) => url.replace(/:\w+/g, SOME_ID);

describe("the route table", () => {
  it("has a rule for every API route, and the matrix covers them all", () => {
    const rules = test.fastify.routeRules;
    expect(rules.length).toBeGreaterThan(60);
    expect(rules.filter((rule) => rule.access === "public").map((rule) => `${rule.method} ${rule.url}`)).toEqual(
      expect.arrayContaining(["GET /api/health", "POST /api/session"]),
    );
  });

  it("refuses to start with a route that has no access rule", async () => {
    const { app, serverOptions } = await import("../app.ts");
    const fastify = Fastify({ ...serverOptions, logger: false });
    await fastify.register(app, { prisma: test.prisma });
    await expect(
      fastify
        .register(async (api) => {
          api.get("/api/unruled", () => "open");
        })
        .ready(),
    ).rejects.toThrow("GET /api/unruled has no access rule");
    await fastify.close().catch(() => {});
  });
});

describe("signed out", () => {
  it("gets 401 from every route that is not public", async () => {
    for (const rule of test.fastify.routeRules.filter((rule) => rule.access !== "public")) {
      if (rule.url.startsWith("/api/docs")) continue;
      const response = await test.fastify.inject({
        method: rule.method as "GET",
        url: urlOf(rule.url),
        payload: rule.method === "GET" ? undefined : {},
      });
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(401);
    }
  });
});

describe("the hand-written matrix", () => {
  it("names every route the app has, and no other", () => {
    const routes = test.fastify.routeRules
      .map((rule) => `${rule.method} ${rule.url}`)
      .filter((route) => !/^GET \/api\/(docs|openapi\.json)/.test(route));
    expect([...routes].sort()).toEqual([...PUBLIC_ROUTES, ...EXPECTED_ACCESS.keys()].sort());
  });
});

describe.each(ROLES)("as %s", (role) => {
  it("is let through exactly the routes the matrix gives its role, and gets 403 from the rest", async () => {
    const user = test.as(role);
    const outcomes: string[] = [];
    for (const rule of test.fastify.routeRules) {
      if (rule.access === "public" || rule.url === "/api/session") continue;
      const response = await user.inject({
        method: rule.method as "GET",
        url: urlOf(rule.url),
        payload: rule.method === "GET" ? undefined : {},
      });
      const allowed = EXPECTED_ACCESS.get(`${rule.method} ${rule.url}`)?.includes(role) ?? false;
      const refused = response.statusCode === 401 || response.statusCode === 403;
      if (allowed === refused) outcomes.push(`${rule.method} ${rule.url}: ${response.statusCode} (${rule.access})`);
      // Nothing reaches a 500, whatever the role sends.
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBeLessThan(500);
    }
    expect(outcomes).toEqual([]);
  });
});

/** The kinds of record a route names by id, one of each made per programme below. */
type ScopedTable =
  | "Programme"
  | "Workstream"
  | "CostLine"
  | "CostSharingAgreement"
  | "ProgrammePartner"
  | "Milestone"
  | "DeliverableTarget"
  | "Benefit"
  | "Risk"
  | "Spend"
  | "FundingCommitment"
  | "Allocation"
  | "Receipt"
  | "Decision"
  | "ImportBatch"
  | "PeriodClose"
  | "ChangeRequest"
  | "FunderClaim"
  | "BenefitReading";

// In scope and out of scope: the same routes, with real records of a Stockport programme (the
// users' council) and of an Oxfordshire one.
describe("every route that names a record × every role × in and out of scope", () => {
  let users: Record<Role, SignedIn>;
  let records: Record<"in" | "out", Record<ScopedTable, string>>;

  beforeAll(async () => {
    const { seedDemoProgrammes } = await import("@fundline/db/seed");
    await seedDemoProgrammes(test.prisma);
    const stockport = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Stockport" } } });
    users = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [role, await test.signInNew({ role, organisationId: stockport.id })]),
      ),
    ) as Record<Role, SignedIn>;
    const inScope = await recordsOf(test, "Shared early years education improvement leadership");
    await test.prisma.programmeAssignment.create({
      data: { userId: users.programme_manager.userId, programmeId: inScope.Programme },
    });
    records = { in: inScope, out: await recordsOf(test, "New Models for LEAs pilot") };
  });

  it.each(ROLES)("as %s", async (role) => {
    const mismatches: string[] = [];
    for (const rule of test.fastify.routeRules) {
      const check = rule.scope.find((scope) => scope.in === "params");
      if (!check || rule.access === "public") continue;
      for (const where of ["in", "out"] as const) {
        const id = records[where][check.table as ScopedTable];
        if (!id) throw new Error(`the matrix makes no ${check.table}: add one to recordsOf`);
        const response = await users[role].inject({
          method: rule.method as "GET",
          url: rule.url.replace(":id", id),
          payload: rule.method === "GET" ? undefined : {},
        });
        const expected = !EXPECTED_ACCESS.get(`${rule.method} ${rule.url}`)?.includes(role)
          ? "refused"
          : where === "out" && !seesEveryProgramme(role)
            ? "not found"
            : "through";
        const got =
          response.statusCode === 401 || response.statusCode === 403
            ? "refused"
            : response.statusCode === 404
              ? "not found"
              : "through";
        if (got !== expected)
          mismatches.push(`${rule.method} ${rule.url} ${where}: ${response.statusCode}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** One record of every scoped kind in the named programme. */
async function recordsOf(test: TestApp, programmeName: string): Promise<Record<ScopedTable, string>> {
  const prisma = test.prisma;
  const programme = await prisma.programme.findFirstOrThrow({
    where: { name: programmeName },
    include: { partners: true },
  });
  const programmeId = programme.id;
  const lead = programme.partners.find((partner) => partner.role === "lead")!;
  const other = programme.partners.find((partner) => partner.organisationId !== lead.organisationId)!;
  const workstream = await prisma.workstream.create({ data: { programmeId, name: "Matrix workstream" } });
  const costLine = await prisma.costLine.create({ data: { programmeId, name: "Matrix line" } });
  const funder = await prisma.organisation.create({
    data: { name: `Matrix funder ${programmeId}`, kinds: ["funder"] },
  });
  const fund = await prisma.fund.create({ data: { funderId: funder.id, name: "Matrix fund", fundType: "revenue" } });
  const commitment = await prisma.fundingCommitment.create({
    data: { fundId: fund.id, programmeId, title: "Matrix grant", amountPence: 100_000n, status: "awarded" },
  });
  const ids: Omit<Record<ScopedTable, string>, "BenefitReading"> = {
    Programme: programmeId,
    Workstream: workstream.id,
    CostLine: costLine.id,
    ProgrammePartner: lead.id,
    CostSharingAgreement: (
      await prisma.costSharingAgreement.create({
        data: {
          programmeId,
          name: "Matrix agreement",
          shares: {
            create: [
              { organisationId: lead.organisationId, parts: 1 },
              { organisationId: other.organisationId, parts: 1 },
            ],
          },
        },
      })
    ).id,
    Milestone: (
      await prisma.milestone.create({
        data: { programmeId, description: "Matrix", baselineOn: new Date("2024-01-01") },
      })
    ).id,
    DeliverableTarget: (
      await prisma.deliverableTarget.create({ data: { programmeId, description: "Matrix", targetCount: 1 } })
    ).id,
    Benefit: (
      await prisma.benefit.create({
        data: { programmeId, name: "Matrix", measure: "m", benefitType: "direct", direction: "achieve", unit: "n" },
      })
    ).id,
    Risk: (await prisma.risk.create({ data: { programmeId, title: "Matrix", likelihood: 1, impact: 1 } })).id,
    Spend: (
      await prisma.spend.create({
        data: {
          programmeId,
          costLineId: costLine.id,
          spentOn: new Date("2024-01-01"),
          amountPence: 100n,
          supplierName: "Matrix",
        },
      })
    ).id,
    FundingCommitment: commitment.id,
    Allocation: (
      await prisma.allocation.create({
        data: { commitmentId: commitment.id, costLineId: costLine.id, amountPence: 100n },
      })
    ).id,
    Receipt: (
      await prisma.receipt.create({
        data: { commitmentId: commitment.id, receivedOn: new Date("2024-01-01"), amountPence: 100n },
      })
    ).id,
    Decision: (
      await prisma.decision.create({
        data: {
          organisationId: funder.id,
          programmeId,
          title: "Matrix",
          decisionType: "key",
          decisionMaker: "Cabinet",
          status: "Approved",
        },
      })
    ).id,
    // An import belongs to its maker's council: here, the programme's lead.
    ImportBatch: (
      await prisma.importBatch.create({
        data: {
          sourceName: "Matrix ledger",
          fileName: "matrix.csv",
          fileSha256: "0".repeat(64),
          rowCount: 0,
          totalPence: 0n,
          createdBy: {
            create: {
              email: `matrix-${programmeId}@council.example`,
              displayName: "Matrix importer",
              organisationId: lead.organisationId,
              role: "finance_officer",
              passwordHash: "not a hash: never signs in",
            },
          },
        },
      })
    ).id,
    // A closed period belongs to its council: here, the programme's lead. Closed in the far
    // future, so it refuses none of the matrix's writes.
    PeriodClose: (
      await prisma.periodClose.create({
        data: {
          organisationId: lead.organisationId,
          kind: "month",
          label: "January 2099",
          startsOn: new Date("2099-01-01"),
          endsOn: new Date("2099-01-31"),
        },
      })
    ).id,
    // A claim to the funder against the commitment.
    FunderClaim: (
      await prisma.funderClaim.create({
        data: {
          commitmentId: commitment.id,
          periodFrom: new Date("2021-04-01"),
          periodTo: new Date("2021-06-30"),
          amountPence: 50_000n,
          claimedOn: new Date("2021-07-05"),
        },
      })
    ).id,
    // A change to the commitment, waiting for a second person.
    ChangeRequest: (
      await prisma.changeRequest.create({
        data: {
          organisation: { connect: { id: lead.organisationId } },
          programmeId,
          commitmentId: commitment.id,
          kind: "commitment.update",
          entityType: "FundingCommitment",
          entityId: commitment.id,
          input: { version: 1, amountPence: 200_000 },
          after: { id: commitment.id, title: "Matrix grant", amountPence: 200_000 },
          amountPence: 200_000n,
          deltaPence: 100_000n,
          reason: "The matrix asks",
          requestedBy: {
            create: {
              email: `matrix-asker-${programmeId}@council.example`,
              displayName: "Matrix asker",
              organisationId: lead.organisationId,
              role: "finance_officer",
              passwordHash: "not a hash: never signs in",
            },
          },
        },
      })
    ).id,
  };
  // A reading of the benefit, submitted for the programme's owner.
  const reading = await prisma.benefitReading.create({
    data: { benefitId: ids.Benefit, readOn: new Date("2021-03-31"), value: "1", status: "submitted" },
  });
  return { ...ids, BenefitReading: reading.id };
}
