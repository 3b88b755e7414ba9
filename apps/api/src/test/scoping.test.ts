// Who sees which programme: a user's organisation sees the programmes it leads or is a partner
// in; administrators see all. A record outside scope answers exactly as one that does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type SignedIn, type TestApp } from "./test-app.ts";

let test: TestApp;
let stockportManager: SignedIn;
let unassignedStockportManager: SignedIn;
let oldhamFinance: SignedIn;
let tamesideViewer: SignedIn;
const ids = {} as Record<
  "stockport" | "oxfordshire" | "oxfordshireMilestone" | "stockportMilestone" | "oxfordshireRisk",
  string
>;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  test = await buildTestApp();
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(test.prisma);
  const organisation = (name: string) =>
    test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: name } } });
  const programme = (name: string) => test.prisma.programme.findFirstOrThrow({ where: { name } });
  const stockport = await programme("Shared early years education improvement leadership");
  const oxfordshire = await programme("New Models for LEAs pilot");
  const milestoneOf = async (programmeId: string) =>
    (
      await test.prisma.milestone.create({
        data: { programmeId, description: "Scope test milestone", baselineOn: new Date("2024-03-31") },
      })
    ).id;
  Object.assign(ids, {
    stockport: stockport.id,
    oxfordshire: oxfordshire.id,
    stockportMilestone: await milestoneOf(stockport.id),
    oxfordshireMilestone: await milestoneOf(oxfordshire.id),
  });
  stockportManager = await test.signInNew({
    role: "programme_manager",
    organisationId: (await organisation("Stockport")).id,
  });
  await test.prisma.programmeAssignment.create({
    data: { userId: stockportManager.userId, programmeId: stockport.id },
  });
  unassignedStockportManager = await test.signInNew({
    role: "programme_manager",
    organisationId: (await organisation("Stockport")).id,
  });
  oldhamFinance = await test.signInNew({
    role: "finance_officer",
    organisationId: (await organisation("Oldham Council")).id,
  });
  tamesideViewer = await test.signInNew({ role: "viewer", organisationId: (await organisation("Tameside")).id });
});
afterAll(() => test.close());

const names = async (user: SignedIn) =>
  ((await user.inject({ url: "/api/programmes" })).json().programmes as { name: string }[]).map((p) => p.name).sort();

describe("programme lists", () => {
  it("show each organisation the programmes it leads or is a partner in, and administrators all", async () => {
    expect(await names(stockportManager)).toEqual(["Shared early years education improvement leadership"]);
    expect(await names(oldhamFinance)).toEqual([
      "Children's and Early Years Digital Improvement Programme",
      "Early years outcomes programme",
    ]);
    expect(await names(tamesideViewer)).toEqual([
      "Early years outcomes programme",
      "Shared early years education improvement leadership",
    ]);
    expect(await names(test.as("administrator"))).toHaveLength(5);
    expect((await tamesideViewer.inject({ url: "/api/programmes" })).json().total).toBe(2);
  });

  it("keep every other list inside the same programmes", async () => {
    const visible = new Set(
      ((await oldhamFinance.inject({ url: "/api/programmes" })).json().programmes as { id: string }[]).map((p) => p.id),
    );
    for (const [url, key] of [
      ["/api/commitments", "commitments"],
      ["/api/spend", "spend"],
      ["/api/milestones", "milestones"],
      ["/api/risks", "risks"],
      ["/api/benefits", "benefits"],
      ["/api/deliverables", "deliverables"],
    ] as const) {
      const body = (await oldhamFinance.inject({ url: `${url}?pageSize=500` })).json();
      const rows = body[key] as { programmeId: string }[];
      // Oldham's programmes carry commitments and spend in the seed; the rest may be empty.
      if (key === "commitments" || key === "spend") expect(rows.length, url).toBeGreaterThan(0);
      expect(
        rows.every((row) => visible.has(row.programmeId)),
        url,
      ).toBe(true);
      const everything = (await test.inject({ url: `${url}?pageSize=500` })).json();
      // Exactly the rows of other programmes are left out.
      const hidden = (everything[key] as { programmeId: string }[]).filter((row) => !visible.has(row.programmeId));
      expect(everything.total - body.total, url).toBe(hidden.length);
    }
    const allocations = (await oldhamFinance.inject({ url: "/api/allocations?pageSize=500" })).json();
    const all = (await test.inject({ url: "/api/allocations?pageSize=500" })).json();
    expect(allocations.total).toBeLessThan(all.total);
  });
});

describe("a Stockport programme manager and an Oxfordshire programme", () => {
  const notFoundLike = async (
    response: Promise<{ statusCode: number; json: () => { message: string } }>,
    id: string,
  ) => {
    const answer = await response;
    return { status: answer.statusCode, message: answer.json().message.replace(id, "<id>") };
  };

  it("cannot read it: 404, the same answer as for a programme that does not exist", async () => {
    const outside = await notFoundLike(
      stockportManager.inject({ url: `/api/programmes/${ids.oxfordshire}` }),
      ids.oxfordshire,
    );
    const missing = await notFoundLike(stockportManager.inject({ url: `/api/programmes/${NO_SUCH_ID}` }), NO_SUCH_ID);
    expect(outside).toEqual({ status: 404, message: "Programme <id> was not found" });
    expect(outside).toEqual(missing);
    for (const url of ["workstreams", "cost-lines", "partners", "cost-sharing-agreements"]) {
      expect((await stockportManager.inject({ url: `/api/programmes/${ids.oxfordshire}/${url}` })).statusCode).toBe(
        404,
      );
    }
    expect(
      (await stockportManager.inject({ url: `/api/milestones?programmeId=${ids.oxfordshire}` })).json().total,
    ).toBe(0);
  });

  it("cannot change its milestones: 404, and nothing is written", async () => {
    const before = await test.prisma.milestone.findUniqueOrThrow({ where: { id: ids.oxfordshireMilestone } });
    const outside = await notFoundLike(
      stockportManager.inject({
        method: "PATCH",
        url: `/api/milestones/${ids.oxfordshireMilestone}`,
        payload: { version: before.version, status: "met", actualOn: "2024-01-01" },
      }),
      ids.oxfordshireMilestone,
    );
    const missing = await notFoundLike(
      stockportManager.inject({
        method: "PATCH",
        url: `/api/milestones/${NO_SUCH_ID}`,
        payload: { version: 1, status: "met", actualOn: "2024-01-01" },
      }),
      NO_SUCH_ID,
    );
    expect(outside).toEqual({ status: 404, message: "Milestone <id> was not found" });
    expect(outside).toEqual(missing);
    expect(await test.prisma.milestone.findUniqueOrThrow({ where: { id: ids.oxfordshireMilestone } })).toEqual(before);
  });

  it("cannot add a risk to it: the same 422 as for a programme that does not exist", async () => {
    const risk = (programmeId: string) =>
      stockportManager.inject({
        method: "POST",
        url: "/api/risks",
        payload: { programmeId, title: "Scope test", likelihood: 2, impact: 2 },
      });
    const outside = await risk(ids.oxfordshire);
    const missing = await risk(NO_SUCH_ID);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().fields).toEqual([{ path: "programmeId", message: `no such programme: ${ids.oxfordshire}` }]);
    expect(missing.json().fields).toEqual([{ path: "programmeId", message: `no such programme: ${NO_SUCH_ID}` }]);
    expect(await test.prisma.risk.count({ where: { title: "Scope test" } })).toBe(0);
  });

  it("cannot read its audit trail", async () => {
    const finance = await test.signInNew({
      role: "finance_officer",
      organisationId: stockportManager.organisationId,
    });
    const response = await finance.inject({ url: `/api/audit?entity=Milestone&id=${ids.oxfordshireMilestone}` });
    expect(response.statusCode).toBe(404);
  });
});

describe("programme managers", () => {
  it("change milestones of programmes they are assigned to", async () => {
    const milestone = await test.prisma.milestone.findUniqueOrThrow({ where: { id: ids.stockportMilestone } });
    const response = await stockportManager.inject({
      method: "PATCH",
      url: `/api/milestones/${ids.stockportMilestone}`,
      payload: { version: milestone.version, status: "at_risk", note: "Recruitment delayed" },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe("at_risk");
  });

  it("see but cannot change a programme of their council they are not assigned to: 403", async () => {
    const milestone = await test.prisma.milestone.findUniqueOrThrow({ where: { id: ids.stockportMilestone } });
    expect((await unassignedStockportManager.inject({ url: `/api/programmes/${ids.stockport}` })).statusCode).toBe(200);
    const response = await unassignedStockportManager.inject({
      method: "PATCH",
      url: `/api/milestones/${ids.stockportMilestone}`,
      payload: { version: milestone.version, status: "delayed" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/not assigned/);
  });
});

describe("fields a client may not write", () => {
  it.each([
    ["a milestone's programme", "PATCH", "milestone", { programmeId: NO_SUCH_ID }, "body"],
    ["a milestone's retirement", "PATCH", "milestone", { retiredAt: "2024-01-01T00:00:00Z" }, "body"],
    ["a milestone's version counter", "PATCH", "milestone", { version: 1, createdAt: "2020-01-01" }, "body"],
  ])("refuses %s with 400", async (_what, method, _kind, extra, field) => {
    const milestone = await test.prisma.milestone.findUniqueOrThrow({ where: { id: ids.stockportMilestone } });
    const response = await stockportManager.inject({
      method: method as "PATCH",
      url: `/api/milestones/${ids.stockportMilestone}`,
      payload: { version: milestone.version, ...extra },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it("refuses a spend record claiming to come from an import, and a commitment's organisation from a finance officer", async () => {
    const line = await test.prisma.costLine.findFirstOrThrow({
      where: { programme: { name: "Early years outcomes programme" } },
    });
    const programmeId = line.programmeId;
    const spend = await oldhamFinance.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId,
        costLineId: line.id,
        spentOn: "2020-01-01",
        amountPence: 100,
        supplierName: "X",
        source: "import",
      },
    });
    expect(spend.statusCode).toBe(400);
    const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({ where: { programmeId } });
    const moved = await oldhamFinance.inject({
      method: "PATCH",
      url: `/api/commitments/${commitment.id}`,
      payload: { version: commitment.version, programmeId: ids.stockport },
    });
    // Tying a commitment to a programme is allowed, but only to one in the writer's scope.
    expect(moved.statusCode).toBe(422);
    expect(moved.json().fields).toEqual([
      { path: "programmeId", message: expect.stringMatching(/^no such programme/) },
    ]);
    const unchanged = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: commitment.id } });
    expect(unchanged.programmeId).toBe(programmeId);
  });

  it("refuses a programme's status from a programme manager: 403, unchanged", async () => {
    const programme = await test.prisma.programme.findUniqueOrThrow({ where: { id: ids.stockport } });
    const response = await stockportManager.inject({
      method: "PATCH",
      url: `/api/programmes/${ids.stockport}`,
      payload: { version: programme.version, status: "closed" },
    });
    expect(response.statusCode).toBe(403);
    expect((await test.prisma.programme.findUniqueOrThrow({ where: { id: ids.stockport } })).status).toBe(
      programme.status,
    );
  });
});
