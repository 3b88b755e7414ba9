import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
let stockportId: string;
let tamesideId: string;
let rochdaleId: string;
beforeAll(async () => {
  test = await buildTestApp();
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(test.prisma);
  programmeId = (
    await test.prisma.programme.findFirstOrThrow({ where: { name: { startsWith: "Shared early years" } } })
  ).id;
  const org = (prefix: string) =>
    test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: prefix } } });
  [stockportId, tamesideId, rochdaleId] = await Promise.all([org("Stockport"), org("Tameside"), org("Rochdale")]).then(
    (orgs) => orgs.map((o) => o.id),
  );
});
afterAll(() => test.close());

const post = (url: string, payload: object) => test.inject({ method: "POST", url, payload });

describe("programme structure", () => {
  it("adds a workstream and a cost line under it, refusing a duplicate name", async () => {
    const workstream = await post(`/api/programmes/${programmeId}/workstreams`, { name: "Out of Hours Service" });
    expect(workstream.statusCode).toBe(201);
    const line = await post(`/api/programmes/${programmeId}/cost-lines`, {
      name: "Out of hours rota",
      workstreamId: workstream.json().id,
    });
    expect(line.statusCode).toBe(201);
    const again = await post(`/api/programmes/${programmeId}/workstreams`, { name: "Out of Hours Service" });
    expect(again.statusCode).toBe(422);
    expect(again.json().fields[0].path).toBe("name");
  });

  it("records a 3:2 cost-sharing agreement as 60/40", async () => {
    const agreement = await post(`/api/programmes/${programmeId}/cost-sharing-agreements`, {
      name: "Quality hub: 60/40",
      shares: [
        { organisationId: stockportId, parts: 3 },
        { organisationId: tamesideId, parts: 2 },
      ],
    });
    expect(agreement.statusCode).toBe(201);
    expect(agreement.json().shares.map((s: { parts: number; percentage: number }) => [s.parts, s.percentage])).toEqual([
      [3, 60],
      [2, 40],
    ]);
  });

  it.each([
    ["a zero part", [{ parts: 0 }, { parts: 1 }], 400, "body.shares.0.parts"],
    ["a fractional part", [{ parts: 0.5 }, { parts: 1 }], 400, "body.shares.0.parts"],
    ["a single partner", [{ parts: 1 }], 400, "body.shares"],
    [
      "an organisation outside the programme",
      [{ parts: 1 }, { parts: 1, organisationId: "rochdale" }],
      422,
      "shares.1.organisationId",
    ],
  ])("refuses %s", async (_case, shares, status, field) => {
    const ids = [stockportId, tamesideId];
    const response = await post(`/api/programmes/${programmeId}/cost-sharing-agreements`, {
      name: `Agreement ${Math.random()}`,
      shares: (shares as { parts: number; organisationId?: string }[]).map((share, index) => ({
        parts: share.parts,
        organisationId: share.organisationId === "rochdale" ? rochdaleId : ids[index],
      })),
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it("records a decision with its amount in pence and refuses a duplicate reference", async () => {
    const decision = {
      organisationId: stockportId,
      programmeId,
      reference: "CAB-2022-031",
      title: "Shared early years leadership: implementation",
      decisionType: "key",
      decisionMaker: "Cabinet",
      decidedOn: "2022-06-21",
      status: "Recommendations Approved",
      amountPence: 13_000_000,
    };
    const created = await post("/api/decisions", decision);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ amountPence: 13_000_000, decidedOn: "2022-06-21" });
    expect((await post("/api/decisions", decision)).statusCode).toBe(422);
    expect((await post("/api/decisions", { ...decision, reference: "X", amountPence: "£130,000" })).statusCode).toBe(
      400,
    );
  });
});
