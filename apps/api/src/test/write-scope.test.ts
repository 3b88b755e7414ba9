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
