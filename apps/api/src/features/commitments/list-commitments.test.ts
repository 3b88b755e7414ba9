import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

const get = (url: string) => test.inject({ url });

describe("GET /api/commitments", () => {
  it("filters by programme and status and sorts by amount", async () => {
    const response = await get(
      `/api/commitments?programmeId=${programmeId}&status=awarded&sort=amountPence&direction=desc`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(2);
    expect(body.commitments.map((c: { amountPence: number }) => c.amountPence)).toEqual([8_000_000, 2_500_000]);
  });

  it("filters by funder and by financial year of the profile", async () => {
    const dfe = await test.prisma.organisation.findFirstOrThrow({ where: { name: "Department for Education" } });
    const byFunder = (await get(`/api/commitments?funderId=${dfe.id}`)).json();
    expect(byFunder.commitments.map((c: { title: string }) => c.title).sort()).toEqual([
      "DfES funding for the Oxfordshire, West Berkshire and Wokingham New Models Project",
      "Oldham, Tameside and Rochdale partnership bid to the Early Years Outcomes Fund",
    ]);
    const in201920 = (await get("/api/commitments?financialYear=2019/20")).json();
    expect(
      in201920.commitments.map((c: { amountPence: number }) => c.amountPence).sort((a: number, b: number) => a - b),
    ).toEqual([2_500_000, 8_000_000, 8_000_000]);
  });

  it("pages with a total count", async () => {
    const first = (await get("/api/commitments?pageSize=3&page=1&sort=title")).json();
    const second = (await get("/api/commitments?pageSize=3&page=2&sort=title")).json();
    expect(first.total).toBe(8);
    expect(first.commitments).toHaveLength(3);
    expect(second.commitments[0].title > first.commitments[2].title).toBe(true);
  });

  it.each([
    ["pageSize=0", "querystring.pageSize"],
    ["sort=colour", "querystring.sort"],
    ["financialYear=2019-20", "querystring.financialYear"],
    ["unknown=1", "querystring"],
  ])("refuses %s naming the parameter", async (query, field) => {
    const response = await get(`/api/commitments?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe("GET /api/spend", () => {
  it("filters by programme and financial year, newest first", async () => {
    const response = await get(
      `/api/spend?programmeId=${programmeId}&financialYear=2019/20&sort=spentOn&direction=desc`,
    );
    const body = response.json();
    expect(body.total).toBe(2);
    expect(body.spend.map((s: { spentOn: string; amountPence: number }) => [s.spentOn, s.amountPence])).toEqual([
      ["2020-01-31", 3_500_000],
      ["2019-10-31", 3_500_000],
    ]);
  });

  it("filters by paying partner", async () => {
    const tameside = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Tameside" } } });
    const body = (await get(`/api/spend?organisationId=${tameside.id}`)).json();
    expect(body.total).toBe(2);
    expect(body.spend.every((s: { amountPence: number }) => s.amountPence === 2_500_000)).toBe(true);
  });
});
