// Decisions: who decided what, when, and whether it was key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let organisationId: string;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
  organisationId = (await test.prisma.organisation.findFirstOrThrow({ where: { name: "Oldham Council" } })).id;
});
afterAll(() => test.close());

const decision = (change: Record<string, unknown>) => ({
  organisationId,
  title: "Early years outcomes: evaluation partner",
  decisionType: "key",
  decisionMaker: "Cabinet",
  status: "approved",
  ...change,
});
const post = (payload: object) => test.inject({ method: "POST", url: "/api/decisions", payload });

describe("decisions", () => {
  it("are published on or after the day they are made", async () => {
    const response = await post(decision({ decidedOn: "2019-08-02", publishedOn: "2019-08-01" }));
    expect(response.statusCode).toBe(422);
    expect(response.json().fields).toEqual([
      { path: "publishedOn", message: "a decision cannot be published (2019-08-01) before it is made (2019-08-02)" },
    ]);
    expect((await post(decision({ decidedOn: "2019-08-02", publishedOn: "2019-08-02" }))).statusCode).toBe(201);
  });

  it("keep each council's references unique", async () => {
    expect((await post(decision({ reference: "OLD-TEST-1" }))).statusCode).toBe(201);
    const again = await post(decision({ reference: "OLD-TEST-1" }));
    expect(again.statusCode).toBe(422);
    expect(again.json().fields).toEqual([
      { path: "reference", message: "OLD-TEST-1 is already recorded for this organisation" },
    ]);
  });
});
