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

describe("deliverables", () => {
  it("counts progress towards a target", async () => {
    const target = await send("POST", "/api/deliverables", {
      programmeId,
      description: "Host site visits",
      targetCount: 10,
    });
    expect(target.statusCode).toBe(201);
    const progress = await send("PATCH", `/api/deliverables/${target.json().id}`, { version: 1, achievedCount: 6 });
    expect(progress.json()).toMatchObject({ achievedCount: 6, targetCount: 10, version: 2 });
    const negative = await send("PATCH", `/api/deliverables/${target.json().id}`, { version: 2, achievedCount: -1 });
    expect(negative.statusCode).toBe(400);
    expect(fields(negative)).toContain("body.achievedCount");
    const zeroTarget = await send("POST", "/api/deliverables", { programmeId, description: "Nothing", targetCount: 0 });
    expect(fields(zeroTarget)).toContain("body.targetCount");
  });
});

describe("benefit readings", () => {
  it("records a dated reading exactly and refuses a second on the same day", async () => {
    const benefit = await test.prisma.benefit.findFirstOrThrow({ where: { name: "Improving LA attendance figures" } });
    const reading = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-01-31", value: "95.2" });
    expect(reading.statusCode).toBe(201);
    expect(reading.json().value).toBe("95.2");
    const again = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-01-31", value: "95.3" });
    expect(again.statusCode).toBe(422);
    const float = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-02-28", value: 95.2 });
    expect(float.statusCode).toBe(400);
    expect(fields(float)).toContain("body.value");
  });
});
