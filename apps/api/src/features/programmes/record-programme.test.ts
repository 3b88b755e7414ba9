import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let oldhamId: string;
beforeAll(async () => {
  test = await buildTestApp();
  oldhamId = (await test.prisma.organisation.create({ data: { name: "Oldham Council", kinds: ["council"] } })).id;
});
afterAll(() => test.close());

const send = (method: "POST" | "PATCH", url: string, payload: object) => test.inject({ method, url, payload });
const valid = () => ({
  name: "Family Hubs",
  leadOrganisationId: oldhamId,
  startOn: "2023-04-01",
  endOn: "2025-03-31",
  totalCostPence: 50_000_000,
});

describe("programme writes", () => {
  it("creates a programme with its lead as lead partner, and changes it with a version", async () => {
    const created = await send("POST", "/api/programmes", valid());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: "Family Hubs",
      status: "proposed",
      totalCostPence: 50_000_000,
      version: 1,
    });
    expect(created.json().partners).toEqual([expect.objectContaining({ role: "lead", joinedOn: "2023-04-01" })]);
    const id = created.json().id;
    const approved = await send("PATCH", `/api/programmes/${id}`, { version: 1, status: "approved" });
    expect(approved.json()).toMatchObject({ status: "approved", version: 2 });
    const stale = await send("PATCH", `/api/programmes/${id}`, { version: 1, status: "closed" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.status).toBe("approved");
  });

  it.each([
    ["an end before the start", { endOn: "2023-03-31" }, 422, "endOn"],
    ["a negative total cost", { totalCostPence: -1 }, 400, "body.totalCostPence"],
    ["a total cost in pounds", { totalCostPence: 500000.5 }, 400, "body.totalCostPence"],
    ["an unknown lead", { leadOrganisationId: "00000000-0000-4000-8000-000000000000" }, 422, "leadOrganisationId"],
    ["an unknown status", { status: "paused" }, 400, "body.status"],
  ])("refuses %s", async (_case, overrides, status, field) => {
    const response = await send("POST", "/api/programmes", { ...valid(), name: `P ${Math.random()}`, ...overrides });
    expect(response.statusCode).toBe(status);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it("refuses to move the end date before the stored start date", async () => {
    const created = (await send("POST", "/api/programmes", { ...valid(), name: "Start Well" })).json();
    const response = await send("PATCH", `/api/programmes/${created.id}`, { version: 1, endOn: "2022-01-01" });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toBe("endOn: the end date (2022-01-01) is before the start date (2023-04-01)");
  });
});
