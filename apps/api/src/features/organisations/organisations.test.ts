import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

const send = (method: "POST" | "PATCH", url: string, payload: object) => test.inject({ method, url, payload });

describe("organisations", () => {
  it("creates, renames with a version and refuses a stale rename", async () => {
    const created = await send("POST", "/api/organisations", {
      name: "Bolton Council",
      identifier: "GB-LAE-BOL",
      kinds: ["council", "funder"],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(
      (await send("PATCH", `/api/organisations/${id}`, { version: 1, name: "Bolton Metropolitan Borough Council" }))
        .statusCode,
    ).toBe(200);
    const stale = await send("PATCH", `/api/organisations/${id}`, { version: 1, name: "Bolton" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.name).toBe("Bolton Metropolitan Borough Council");
  });

  it.each([
    ["a duplicate name", { name: "Oldham Council", kinds: ["council"] }, 422, "name"],
    ["a duplicate identifier", { name: "Oldham Two", identifier: "GB-LAE-OLD", kinds: ["council"] }, 422, "identifier"],
    ["no kinds", { name: "Nobody", kinds: [] }, 400, "body.kinds"],
    ["an unknown kind", { name: "Nobody", kinds: ["bank"] }, 400, "body.kinds.0"],
    ["a malformed identifier", { name: "Nobody", identifier: "oldham", kinds: ["council"] }, 400, "body.identifier"],
  ])("refuses %s", async (_case, payload, status, field) => {
    const response = await send("POST", "/api/organisations", payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe("funds", () => {
  it("creates a fund for a funder and refuses one for an organisation that is not a funder", async () => {
    const gmca = await test.prisma.organisation.findFirstOrThrow({
      where: { name: "Greater Manchester Combined Authority" },
    });
    const fund = await send("POST", "/api/funds", {
      funderId: gmca.id,
      name: "GM Early Years Workforce",
      fundType: "revenue",
    });
    expect(fund.statusCode).toBe(201);
    const rochdale = await test.prisma.organisation.findFirstOrThrow({ where: { name: "Rochdale Borough Council" } });
    const notFunder = await send("POST", "/api/funds", { funderId: rochdale.id, name: "x", fundType: "capital" });
    expect(notFunder.statusCode).toBe(422);
    expect(notFunder.json().message).toBe("funderId: Rochdale Borough Council is not recorded as a funder");
  });
});

describe("programme partners", () => {
  it("adds a partner and refuses a withdrawal before joining", async () => {
    const lga = await test.prisma.organisation.findFirstOrThrow({ where: { name: "Local Government Association" } });
    const added = await send("POST", `/api/programmes/${programmeId}/partners`, {
      organisationId: lga.id,
      role: "evaluator",
      joinedOn: "2019-03-01",
    });
    expect(added.statusCode).toBe(201);
    const backwards = await send("POST", `/api/programmes/${programmeId}/partners`, {
      organisationId: lga.id,
      role: "partner",
      joinedOn: "2019-03-01",
      withdrewOn: "2019-02-01",
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().fields).toEqual([
      { path: "withdrewOn", message: "a partner cannot withdraw (2019-02-01) before it joined (2019-03-01)" },
    ]);
    const missing = await send("POST", "/api/programmes/00000000-0000-4000-8000-000000000000/partners", {
      organisationId: lga.id,
      role: "partner",
    });
    expect(missing.statusCode).toBe(404);
  });
});
