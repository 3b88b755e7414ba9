// Every record a user creates or changes is inside that user's scope afterwards, by every
// reference it holds; a reference outside it answers like a missing one (issue: hardening).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type SignedIn, type TestApp } from "./test-app.ts";

let test: TestApp;
let oldhamFinance: SignedIn;
const ids = {} as Record<"oldham" | "stockport" | "rotherham" | "oldhamProgramme" | "fund", string>;

beforeAll(async () => {
  test = await buildTestApp();
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(test.prisma);
  const organisation = (name: string) =>
    test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: name } } });
  const oldham = await organisation("Oldham");
  const programme = await test.prisma.programme.findFirstOrThrow({ where: { leadOrganisationId: oldham.id } });
  Object.assign(ids, {
    oldham: oldham.id,
    stockport: (await organisation("Stockport")).id,
    rotherham: (await organisation("Rotherham")).id,
    oldhamProgramme: programme.id,
    fund: (await test.prisma.fund.findFirstOrThrow()).id,
  });
  oldhamFinance = await test.signInNew({ role: "finance_officer", organisationId: oldham.id });
});
afterAll(() => test.close());

const commitment = (change: Record<string, unknown>) => ({
  fundId: ids.fund,
  title: "Scope test grant",
  amountPence: 1_000_000,
  status: "awarded",
  ...change,
});
const decision = (change: Record<string, unknown>) => ({
  title: "Scope test decision",
  decisionType: "non_key",
  decisionMaker: "Cabinet",
  status: "approved",
  ...change,
});
const post = (url: string, payload: object) => oldhamFinance.inject({ method: "POST", url, payload });
const fieldsOf = (body: { fields?: { path: string; message: string }[] }) =>
  Object.fromEntries((body.fields ?? []).map((field) => [field.path, field.message]));

describe("writes stay inside the writer's scope", () => {
  it.each([
    ["for another council, with no programme", { programmeId: null, recipientId: "stockport" }],
    ["for nobody, with no programme", { programmeId: null, recipientId: null }],
  ])("refuses a commitment %s, and writes nothing", async (_case, change) => {
    const before = await test.prisma.fundingCommitment.count();
    const response = await post(
      "/api/commitments",
      commitment({ ...change, recipientId: change.recipientId && ids[change.recipientId as "stockport"] }),
    );
    expect(response.statusCode).toBe(422);
    expect(fieldsOf(response.json())).toEqual({
      recipientId: "must be your own organisation, unless the commitment is for one of your programmes",
    });
    expect(await test.prisma.fundingCommitment.count()).toBe(before);
  });

  it("records one for its own council with no programme, which its creator then sees", async () => {
    const response = await post("/api/commitments", commitment({ recipientId: ids.oldham }));
    expect(response.statusCode).toBe(201);
    const listed = (await oldhamFinance.inject({ url: "/api/commitments?pageSize=500" })).json().commitments;
    expect(listed.map((row: { id: string }) => row.id)).toContain(response.json().id);
  });

  it("cannot move its own commitment to another council's (the recipient is fixed once recorded)", async () => {
    const created = (await post("/api/commitments", commitment({ recipientId: ids.oldham }))).json();
    const response = await oldhamFinance.inject({
      method: "PATCH",
      url: `/api/commitments/${created.id}`,
      payload: { version: created.version, recipientId: ids.stockport },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response.json()))).toEqual(["body"]);
    const stored = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.recipientId).toBe(ids.oldham);
  });

  it.each([
    ["with no programme", null],
    ["on its own programme", "oldhamProgramme"],
  ])("refuses a decision for another council's organisation %s", async (_case, programme) => {
    const before = await test.prisma.decision.count();
    const response = await post(
      "/api/decisions",
      decision({ organisationId: ids.stockport, programmeId: programme && ids.oldhamProgramme }),
    );
    expect(response.statusCode).toBe(422);
    expect(fieldsOf(response.json())).toEqual({ organisationId: `no such organisation: ${ids.stockport}` });
    expect(await test.prisma.decision.count()).toBe(before);
  });

  it("tells nothing of another council's decision references", async () => {
    const response = await post(
      "/api/decisions",
      decision({ organisationId: ids.rotherham, reference: "Cabinet 18 July 2012" }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).not.toContain("already recorded");
    expect(fieldsOf(response.json())).toEqual({ organisationId: `no such organisation: ${ids.rotherham}` });
  });

  it("records its own council's decision", async () => {
    const response = await post("/api/decisions", decision({ organisationId: ids.oldham, reference: "OLD-SCOPE-1" }));
    expect(response.statusCode).toBe(201);
  });

  it("an administrator may still record for any council", async () => {
    const response = await test.inject({
      method: "POST",
      url: "/api/commitments",
      payload: commitment({ programmeId: null, recipientId: ids.stockport }),
    });
    expect(response.statusCode).toBe(201);
  });

  it("lets a council that withdrew from a programme see it but change nothing there", async () => {
    const wokingham = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Wokingham" } } });
    const partnership = await test.prisma.programmePartner.findFirstOrThrow({
      where: { organisationId: wokingham.id, withdrewOn: { not: null } },
    });
    const finance = await test.signInNew({ role: "finance_officer", organisationId: wokingham.id });
    const seen = await finance.inject({ url: `/api/programmes/${partnership.programmeId}` });
    expect(seen.statusCode).toBe(200);
    const line = await test.prisma.costLine.findFirstOrThrow({ where: { programmeId: partnership.programmeId } });
    const refused = await finance.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId: partnership.programmeId,
        costLineId: line.id,
        spentOn: "2001-06-30",
        amountPence: 100,
        supplierName: "After withdrawal Ltd",
      },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe(
      "Your council has withdrawn from this programme: it can still see the programme but no longer change it.",
    );
  });
});

// Every reference a write route takes that no `config.scope` rule checks (found by listing each
// write route's `…Id` body fields against its rules): each is held to the programme it is for.
describe("references checked by the use case rather than the route", () => {
  let stockport: { programmeId: string; workstreamId: string; costLineId: string };
  let foreign: { workstreamId: string; costLineId: string };
  let manager: SignedIn;
  let finance: SignedIn;

  beforeAll(async () => {
    const programme = (name: string) => test.prisma.programme.findFirstOrThrow({ where: { name } });
    const mine = await programme("Shared early years education improvement leadership");
    const theirs = await programme("New Models for LEAs pilot");
    const structure = async (programmeId: string) => ({
      workstreamId: (await test.prisma.workstream.create({ data: { programmeId, name: "Scope workstream" } })).id,
      costLineId: (await test.prisma.costLine.create({ data: { programmeId, name: "Scope line" } })).id,
    });
    stockport = { programmeId: mine.id, ...(await structure(mine.id)) };
    foreign = await structure(theirs.id);
    manager = await test.signInNew({ role: "programme_manager", organisationId: mine.leadOrganisationId });
    await test.prisma.programmeAssignment.create({ data: { userId: manager.userId, programmeId: mine.id } });
    finance = await test.signInNew({ role: "finance_officer", organisationId: mine.leadOrganisationId });
  });

  const refusedWithNothingWritten = async (
    response: { statusCode: number },
    count: () => Promise<number>,
    before: number,
  ) => {
    expect([404, 422]).toContain(response.statusCode);
    expect(await count()).toBe(before);
  };

  it.each([
    [
      "/api/milestones",
      { description: "Scope milestone", baselineOn: "2024-03-31" },
      () => test.prisma.milestone.count(),
    ],
    [
      "/api/deliverables",
      { description: "Scope deliverable", targetCount: 1 },
      () => test.prisma.deliverableTarget.count(),
    ],
    [
      "/api/benefits",
      { name: "Scope benefit", measure: "children", benefitType: "direct", direction: "increase", unit: "children" },
      () => test.prisma.benefit.count(),
    ],
  ])("POST %s with another council's workstream is refused", async (url, body, count) => {
    const before = await count();
    const response = await manager.inject({
      method: "POST",
      url,
      payload: { ...body, programmeId: stockport.programmeId, workstreamId: foreign.workstreamId },
    });
    await refusedWithNothingWritten(response, count, before);
  });

  it("a cost line, or a cost-sharing agreement, on another council's workstream or line is refused", async () => {
    const lines = () => test.prisma.costLine.count();
    const linesBefore = await lines();
    await refusedWithNothingWritten(
      await finance.inject({
        method: "POST",
        url: `/api/programmes/${stockport.programmeId}/cost-lines`,
        payload: { name: "Scope line 2", workstreamId: foreign.workstreamId },
      }),
      lines,
      linesBefore,
    );
    const organisations = await test.prisma.organisation.findMany({ take: 2, orderBy: { name: "asc" } });
    const agreements = () => test.prisma.costSharingAgreement.count();
    const agreementsBefore = await agreements();
    await refusedWithNothingWritten(
      await finance.inject({
        method: "POST",
        url: `/api/programmes/${stockport.programmeId}/cost-sharing-agreements`,
        payload: {
          name: "Scope agreement",
          costLineId: foreign.costLineId,
          shares: organisations.map((organisation) => ({ organisationId: organisation.id, parts: 1 })),
        },
      }),
      agreements,
      agreementsBefore,
    );
  });

  it.each([
    [
      "deliverables",
      () =>
        test.prisma.deliverableTarget.create({
          data: { programmeId: stockport.programmeId, description: "Mine", targetCount: 1 },
        }),
    ],
    [
      "benefits",
      () =>
        test.prisma.benefit.create({
          data: {
            programmeId: stockport.programmeId,
            name: "Mine",
            measure: "m",
            benefitType: "direct",
            direction: "increase",
            unit: "u",
          },
        }),
    ],
  ])("PATCH /api/%s/:id cannot move it to another council's workstream", async (resource, create) => {
    const record = await create();
    const response = await manager.inject({
      method: "PATCH",
      url: `/api/${resource}/${record.id}`,
      payload: { version: record.version, workstreamId: foreign.workstreamId },
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/workstream/);
  });
});
