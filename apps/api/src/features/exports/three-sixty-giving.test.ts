import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

// The 360Giving 1.4.3 schemas, unchanged (see standards/README.md); the package schema names
// the grant schema by its 1.4.2 URL, so the local grant file is registered under that URL.
// Their "$schema" is the http:// spelling of draft 2020-12, which Ajv2020 knows as https://; the
// dialect is the same, so it is dropped when loading (the files stay as published).
const standard = (file: string) => {
  const { $schema: _dialect, ...schema } = JSON.parse(
    readFileSync(new URL(`./standards/${file}`, import.meta.url), "utf8"),
  );
  return schema;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(
  standard("360-giving-schema.json"),
  "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
);
const validatePackage = ajv.compile(standard("360-giving-package-schema.json"));

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(test.prisma);
});
afterAll(() => test.close());

describe("GET /api/exports/360giving", () => {
  it("exports awarded commitments as a package that validates against the 360Giving schema", async () => {
    const response = await test.inject({ url: "/api/exports/360giving" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const valid = validatePackage(body);
    expect(validatePackage.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const awarded = await test.prisma.fundingCommitment.count({
      where: { retiredAt: null, status: { in: ["awarded", "received"] }, awardedOn: { not: null } },
    });
    expect(body.grants).toHaveLength(awarded);
    expect(awarded).toBeGreaterThan(0);
  });

  it("writes amounts exactly and names funder and recipient by org-id", async () => {
    const programme = await test.prisma.programme.findFirstOrThrow({
      where: { name: "Early years outcomes programme" },
    });
    const body = (await test.inject({ url: `/api/exports/360giving?programmeId=${programme.id}` })).json();
    const byAmount = Object.fromEntries(
      body.grants.map((grant: { amountAwarded: number }) => [String(grant.amountAwarded), grant]),
    );
    expect(Object.keys(byAmount).sort()).toEqual(["25000", "80000"]);
    expect(byAmount["80000"]).toMatchObject({
      currency: "GBP",
      recipientOrganization: [{ id: "GB-LAE-OLD", name: "Oldham Council" }],
      fundingOrganization: [{ name: "Oldham Opportunity Area Board" }],
    });
    expect(byAmount["80000"].id).toMatch(/^360G-fundline-/);
  });

  it("fails validation for a grant with no recipient, so the test can catch a broken export", () => {
    expect(
      validatePackage({
        grants: [
          {
            id: "360G-x-1",
            title: "t",
            description: "d",
            currency: "GBP",
            amountAwarded: 1,
            awardDate: "2020-01-01",
            fundingOrganization: [{ id: "GB-X", name: "X" }],
          },
        ],
      }),
    ).toBe(false);
  });
});
