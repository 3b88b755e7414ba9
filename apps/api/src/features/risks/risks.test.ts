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
const fields = (response: { json: () => { fields: { path: string }[] } }) => response.json().fields.map((f) => f.path);

describe("risks", () => {
  it("records and rescores a risk with a version", async () => {
    const risk = await send("POST", "/api/risks", {
      programmeId,
      title: "Supplier capacity",
      likelihood: 3,
      impact: 4,
    });
    expect(risk.statusCode).toBe(201);
    const rescored = await send("PATCH", `/api/risks/${risk.json().id}`, {
      version: 1,
      likelihood: 2,
      status: "mitigating",
    });
    expect(rescored.json()).toMatchObject({ likelihood: 2, impact: 4, status: "mitigating", version: 2 });
    expect((await send("PATCH", `/api/risks/${risk.json().id}`, { version: 1, impact: 1 })).statusCode).toBe(409);
  });

  it.each([
    [{ likelihood: 6 }, "body.likelihood"],
    [{ impact: 0 }, "body.impact"],
    [{ likelihood: 2.5 }, "body.likelihood"],
    [{ severity: "high" }, "body"],
  ])("refuses %o", async (overrides, field) => {
    const response = await send("POST", "/api/risks", {
      programmeId,
      title: "x",
      likelihood: 3,
      impact: 3,
      ...overrides,
    });
    expect(response.statusCode).toBe(400);
    expect(fields(response)).toContain(field);
  });
});
