import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const send = (method: "POST" | "PATCH", url: string, payload: object) => test.inject({ method, url, payload });
const fields = (response: { json: () => { fields: { path: string }[] } }) => response.json().fields.map((f) => f.path);

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
