import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let fundId: string;
let programmeId: string;
let costLineId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId, costLineId, fundId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

const validCommitment = () => ({
  fundId,
  programmeId,
  title: "Top-up for evaluation",
  amountPence: 2_500_000,
  status: "awarded",
  awardedOn: "2020-01-15",
  profile: [
    { financialYear: "2019/20", amountPence: 1_000_000 },
    { financialYear: "2020/21", amountPence: 1_500_000 },
  ],
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  test.inject({ method: "POST", url, payload: payload as object, headers });

async function createCommitment(overrides: Record<string, unknown> = {}) {
  const response = await post("/api/commitments", { ...validCommitment(), ...overrides });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function committedFor(id: string) {
  const list = (await test.inject({ url: "/api/programmes" })).json();
  return list.programmes.find((programme: { id: string }) => programme.id === id).committedPence;
}

describe("POST /api/commitments", () => {
  it("creates a commitment with its profile, counts it, and audits it", async () => {
    const before = await committedFor(programmeId);
    const commitment = await createCommitment();
    expect(commitment).toMatchObject({
      amountPence: 2_500_000,
      version: 1,
      profile: [{ financialYear: "2019/20" }, { financialYear: "2020/21" }],
    });
    expect(await committedFor(programmeId)).toBe(before + 2_500_000);
    const audit = (await test.inject({ url: `/api/audit?entity=FundingCommitment&id=${commitment.id}` })).json();
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({
      action: "create",
      changes: { amountPence: { before: null, after: 2_500_000 } },
    });
  });

  it.each([
    ["a float amount", { amountPence: 100.5 }, 400, "body.amountPence"],
    ["an amount as a string", { amountPence: "2500000" }, 400, "body.amountPence"],
    ["a null amount", { amountPence: null }, 400, "body.amountPence"],
    ["a negative amount", { amountPence: -1 }, 400, "body.amountPence"],
    ["an unknown field", { colour: "blue" }, 400, "body"],
    ["an unknown status", { status: "promised" }, 400, "body.status"],
    ["a blank title", { title: "   " }, 400, "body.title"],
    ["a control character", { title: "Top-up\u0007" }, 400, "body.title"],
    ["an impossible date", { awardedOn: "2020-02-30" }, 400, "body.awardedOn"],
    ["a malformed fund id", { fundId: "fund-1" }, 400, "body.fundId"],
    ["a profile that does not add up", { profile: [{ financialYear: "2019/20", amountPence: 1 }] }, 422, "profile"],
    [
      "a label that is not a year",
      { profile: [{ financialYear: "2019/21", amountPence: 2_500_000 }] },
      400,
      "body.profile.0.financialYear",
    ],
    ["a fund that does not exist", { fundId: "00000000-0000-4000-8000-000000000000" }, 422, "fundId"],
  ])("refuses %s", async (_case, overrides, status, field) => {
    const count = await test.prisma.fundingCommitment.count();
    const response = await post("/api/commitments", { ...validCommitment(), ...overrides });
    expect(response.statusCode).toBe(status);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await test.prisma.fundingCommitment.count()).toBe(count);
  });

  it("names the figures when a profile does not add up", async () => {
    const response = await post("/api/commitments", {
      ...validCommitment(),
      profile: [{ financialYear: "2019/20", amountPence: 1_000_000 }],
    });
    expect(response.json().message).toBe(
      "profile: must add up to the amount: its years add up to £10,000.00 but the commitment is £25,000.00",
    );
  });

  it("answers 400, not 500, for malformed JSON and oversized bodies", async () => {
    const malformed = await test.inject({
      method: "POST",
      url: "/api/commitments",
      payload: "{ not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.statusCode).toBe(400);
    const huge = await post("/api/commitments", { ...validCommitment(), conditions: "x".repeat(2_000_000) });
    expect(huge.statusCode).toBe(413);
  });

  it("replays an Idempotency-Key without creating twice, and refuses it for a different body", async () => {
    const headers = { "idempotency-key": "create-commitment-test-0001" };
    const count = await test.prisma.fundingCommitment.count();
    const first = await post("/api/commitments", validCommitment(), headers);
    const replay = await post("/api/commitments", validCommitment(), headers);
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    expect(await test.prisma.fundingCommitment.count()).toBe(count + 1);
    const different = await post("/api/commitments", { ...validCommitment(), amountPence: 1, profile: [] }, headers);
    expect(different.statusCode).toBe(422);
    expect(await test.prisma.fundingCommitment.count()).toBe(count + 1);
  });

  it("keeps each user's Idempotency-Keys their own: another user's same key and body creates anew", async () => {
    const headers = { "idempotency-key": "create-commitment-shared-key" };
    const first = await post("/api/commitments", validCommitment(), headers);
    const colleague = await test.signInNew({
      role: "administrator",
      organisationId: test.as("administrator").organisationId,
    });
    const other = await colleague.inject({
      method: "POST",
      url: "/api/commitments",
      payload: validCommitment(),
      headers,
    });
    expect(first.statusCode).toBe(201);
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });
});

describe("PATCH /api/commitments/:id", () => {
  it("applies a current version and refuses a stale one with 409 and the current record", async () => {
    const commitment = await createCommitment();
    const patch = (payload: object) =>
      test.inject({ method: "PATCH", url: `/api/commitments/${commitment.id}`, payload });
    const ok = await patch({ version: 1, title: "Renamed" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: "Renamed", version: 2 });
    const stale = await patch({ version: 1, title: "Lost update" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ title: "Renamed", version: 2 });
    const stored = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: commitment.id } });
    expect(stored.title).toBe("Renamed");
  });

  it("never loses an update under many simultaneous edits", async () => {
    const commitment = await createCommitment();
    const attempts = 20;
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        test.inject({
          method: "PATCH",
          url: `/api/commitments/${commitment.id}`,
          payload: { version: 1, title: `Edit ${index}` },
        }),
      ),
    );
    const applied = responses.filter((response) => response.statusCode === 200);
    const rejected = responses.filter((response) => response.statusCode === 409);
    expect(applied).toHaveLength(1);
    expect(rejected).toHaveLength(attempts - 1);
    const stored = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: commitment.id } });
    expect([stored.title, stored.version]).toEqual([applied[0]!.json().title, 2]);
    const audit = await test.prisma.auditEvent.count({ where: { entityId: commitment.id, action: "update" } });
    expect(audit).toBe(1);
  });

  it("refuses to shrink a commitment below what is allocated from it, naming the figures", async () => {
    const commitment = await createCommitment({ profile: [] });
    await post("/api/allocations", { commitmentId: commitment.id, costLineId, amountPence: 2_000_000 });
    const response = await test.inject({
      method: "PATCH",
      url: `/api/commitments/${commitment.id}`,
      payload: { version: 1, amountPence: 1_500_000 },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toBe(
      "amountPence: allocations would total £20,000.00 against a commitment of £15,000.00",
    );
  });
});

describe("POST /api/commitments/:id/retire", () => {
  it("keeps the record, removes it from totals and audits who and why", async () => {
    const commitment = await createCommitment();
    const before = await committedFor(programmeId);
    const response = await post(`/api/commitments/${commitment.id}/retire`, {
      version: 1,
      reason: "Entered against the wrong fund",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ retirementReason: "Entered against the wrong fund", version: 2 });
    expect(await committedFor(programmeId)).toBe(before - 2_500_000);
    expect(await test.prisma.fundingCommitment.findUnique({ where: { id: commitment.id } })).not.toBeNull();
    const audit = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: commitment.id, action: "retire" },
    });
    expect(audit.reason).toBe("Entered against the wrong fund");
  });
});

describe("GET /api/commitments/:id and assigning a commitment to a programme", () => {
  it("shows a commitment with its names, receipts, allocations and running totals", async () => {
    const commitment = await createCommitment({ amountPence: 900_000, profile: [] });
    expect(
      (await post("/api/receipts", { commitmentId: commitment.id, receivedOn: "2020-02-01", amountPence: 400_000 }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post("/api/allocations", { commitmentId: commitment.id, costLineId, amountPence: 650_000 })).statusCode,
    ).toBe(201);
    const detail = (await test.inject({ url: `/api/commitments/${commitment.id}` })).json();
    expect(detail).toMatchObject({
      id: commitment.id,
      amountPence: 900_000,
      receivedPence: 400_000,
      allocatedPence: 650_000,
      namedSpentPence: 0,
      programme: { id: programmeId },
      fund: { id: fundId },
      recipient: null,
      receipts: [{ amountPence: 400_000, receivedOn: "2020-02-01" }],
      allocations: [{ amountPence: 650_000, costLine: { id: costLineId } }],
    });
    expect(detail.funder.name).toEqual(expect.any(String));
    const listed = (
      await test.inject({ url: `/api/commitments?programmeId=${programmeId}&sort=createdAt&direction=desc&pageSize=1` })
    ).json();
    expect(listed.commitments[0]).toMatchObject({ id: commitment.id, receivedPence: 400_000, allocatedPence: 650_000 });
    // The list answers its own schema's fields only.
    expect(listed.commitments[0]).not.toHaveProperty("namedSpentPence");
  });

  it("lists commitments tied to no programme, and ties one to a programme", async () => {
    const grant = await createCommitment({ programmeId: null, profile: [], title: "Imported grant, not yet placed" });
    const unassigned = (await test.inject({ url: "/api/commitments?unassigned=true&pageSize=500" })).json();
    expect(unassigned.commitments.map((each: { id: string }) => each.id)).toContain(grant.id);
    expect(unassigned.commitments.every((each: { programme: unknown }) => each.programme === null)).toBe(true);

    const tied = await test.inject({
      method: "PATCH",
      url: `/api/commitments/${grant.id}`,
      payload: { version: grant.version, programmeId },
    });
    expect(tied.statusCode).toBe(200);
    expect(tied.json().programmeId).toBe(programmeId);
    const after = (await test.inject({ url: "/api/commitments?unassigned=true&pageSize=500" })).json();
    expect(after.commitments.map((each: { id: string }) => each.id)).not.toContain(grant.id);
  });

  it("refuses to move a commitment to another programme while money is allocated from it", async () => {
    const commitment = await createCommitment({ amountPence: 100_000, profile: [] });
    await post("/api/allocations", { commitmentId: commitment.id, costLineId, amountPence: 100_000 });
    const other = await test.prisma.programme.findFirstOrThrow({ where: { id: { not: programmeId } } });
    const moved = await test.inject({
      method: "PATCH",
      url: `/api/commitments/${commitment.id}`,
      payload: { version: commitment.version, programmeId: other.id },
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().fields).toEqual([expect.objectContaining({ path: "programmeId" })]);
    expect((await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: commitment.id } })).programmeId).toBe(
      programmeId,
    );
  });

  it("answers 404 for a commitment that does not exist", async () => {
    const response = await test.inject({ url: "/api/commitments/00000000-0000-4000-8000-000000000000" });
    expect(response.statusCode).toBe(404);
  });
});
