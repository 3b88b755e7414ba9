// Partners: who takes part in a programme, in which role, from when to when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
  programmeId = (await test.prisma.programme.findFirstOrThrow({ where: { name: "New Models for LEAs pilot" } })).id;
});
afterAll(() => test.close());

describe("partners", () => {
  it("list Wokingham as withdrawn in February 2002, and leave it out when asked for current partners only", async () => {
    const wokingham = await test.prisma.organisation.findFirstOrThrow({ where: { name: "Wokingham Borough Council" } });
    const all = (await test.inject({ url: `/api/programmes/${programmeId}/partners` })).json().partners;
    const current = (
      await test.inject({ url: `/api/programmes/${programmeId}/partners?includeWithdrawn=false` })
    ).json().partners;
    const withdrawals = (partners: { organisationId: string; withdrewOn: string | null }[]) =>
      partners.map((partner) => [partner.organisationId, partner.withdrewOn]);
    expect(withdrawals(current).map(([id]) => id)).not.toContain(wokingham.id);
    expect(withdrawals(all)).toContainEqual([wokingham.id, "2002-02-28"]);
  });

  it("cannot withdraw before they joined", async () => {
    const partner = await test.prisma.programmePartner.findFirstOrThrow({
      where: { programmeId, withdrewOn: null, joinedOn: { not: null } },
    });
    const response = await test.inject({
      method: "PATCH",
      url: `/api/partners/${partner.id}`,
      payload: { version: partner.version, withdrewOn: "1990-01-01" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].path).toBe("withdrewOn");
  });
});
