// Funds: a funder's pots of money, capital or revenue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let fundId: string;
beforeAll(async () => {
  test = await buildTestApp();
  ({ fundId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

describe("funds", () => {
  it("keep their type once commitments draw on them", async () => {
    const fund = await test.prisma.fund.findUniqueOrThrow({ where: { id: fundId } });
    const other = fund.fundType === "capital" ? "revenue" : "capital";
    const response = await test.inject({
      method: "PATCH",
      url: `/api/funds/${fundId}`,
      payload: { version: fund.version, fundType: other },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].path).toBe("fundType");
    expect(response.json().fields[0].message).toMatch(
      new RegExp(`^\\d+ live commitment\\(s\\) draw on this ${fund.fundType} fund; its type cannot change$`),
    );
  });

  it("may be created for a funder and listed by it", async () => {
    const funder = await test.prisma.organisation.findFirstOrThrow({ where: { kinds: { has: "funder" } } });
    const created = await test.inject({
      method: "POST",
      url: "/api/funds",
      payload: { funderId: funder.id, name: "Family hubs capital 2026", fundType: "capital" },
    });
    expect(created.statusCode).toBe(201);
    const listed = (await test.inject({ url: `/api/funds?funderId=${funder.id}` })).json().funds;
    expect(listed.map((fund: { name: string }) => fund.name)).toContain("Family hubs capital 2026");
  });
});
