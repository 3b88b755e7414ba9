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
