import { fieldChanges } from "@fundline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";
import { readGrant } from "./three-sixty-giving-import.ts";

let test: TestApp;
let fundId: string;
let councilId: string;
beforeAll(async () => {
  test = await buildTestApp();
  const funder = await test.prisma.organisation.create({
    data: { name: "Northern Early Years Trust", identifier: "GB-CHC-1234567", kinds: ["funder"] },
  });
  fundId = (await test.prisma.fund.create({ data: { funderId: funder.id, name: "Small grants", fundType: "revenue" } }))
    .id;
  councilId = (
    await test.prisma.organisation.create({
      data: { name: "Rochdale Borough Council", identifier: "GB-LAE-RCH", kinds: ["council"] },
    })
  ).id;
});
afterAll(() => test.close());

const funder = [{ id: "GB-CHC-1234567", name: "Northern Early Years Trust" }];
// As real published files are: UK dates with and without times, floats, missing optional fields.
const PACKAGE = {
  grants: [
    {
      id: "360G-NEYT-0001",
      title: "Speech and language pilot",
      currency: "GBP",
      amountAwarded: 1914.0,
      awardDate: "27/09/2013",
      recipientOrganization: [{ id: "GB-LAE-RCH", name: "Rochdale Council" }],
      fundingOrganization: funder,
    },
    {
      id: "360G-NEYT-0002",
      title: "Parenting workshops",
      amountAwarded: "2500.50",
      awardDate: "26/03/2001 00:00",
      recipientOrganization: [{ id: "GB-CHC-7654321", name: "Bury Family Hubs" }],
    },
    {
      id: "360G-NEYT-0003",
      title: "Bad date",
      amountAwarded: 10,
      awardDate: "31/02/2014",
      recipientOrganization: [{ name: "Somebody" }],
    },
    {
      id: "360G-NEYT-0004",
      title: "Fraction",
      amountAwarded: 0.30000000000000004,
      awardDate: "2014-01-01",
      recipientOrganization: [{ name: "Somebody" }],
    },
    {
      id: "360G-NEYT-0005",
      title: "Dollars",
      currency: "USD",
      amountAwarded: 5,
      awardDate: "2014-01-01",
      recipientOrganization: [{ name: "X" }],
    },
    { title: "No id", amountAwarded: 5, awardDate: "2014-01-01", recipientOrganization: [{ name: "X" }] },
    {
      id: "360G-OTHER-1",
      title: "Someone else's grant",
      amountAwarded: 5,
      awardDate: "2014-01-01",
      recipientOrganization: [{ name: "X" }],
      fundingOrganization: [{ id: "GB-CHC-999", name: "Another funder" }],
    },
    {
      id: "360G-NEYT-0001",
      title: "Repeated",
      amountAwarded: 1,
      awardDate: "2014-01-01",
      recipientOrganization: [{ name: "X" }],
    },
  ],
};

const post = (body: unknown, query = `fundId=${fundId}`) =>
  test.inject({ method: "POST", url: `/api/imports/360giving?${query}`, payload: body as object });

describe("360Giving import", () => {
  it("previews exactly what an import would do, and writes nothing", async () => {
    const counts = () =>
      Promise.all([
        test.prisma.fundingCommitment.count(),
        test.prisma.organisation.count(),
        test.prisma.auditEvent.count(),
      ]);
    const before = await counts();
    const response = await post(PACKAGE, `fundId=${fundId}&preview=true`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      preview: true,
      grants: 8,
      imported: 2,
      importedPence: 191_400 + 250_050,
      recipientsMatched: 1,
      recipientsCreated: 1,
    });
    expect(response.json().skipped).toHaveLength(6);
    expect(await counts()).toEqual(before);
  });

  it("imports the sound grants in pence, matches or creates recipients, and reports every grant skipped", async () => {
    const response = await post(PACKAGE);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      preview: false,
      grants: 8,
      imported: 2,
      importedPence: 191_400 + 250_050,
      alreadyImported: 0,
      recipientsMatched: 1,
      recipientsCreated: 1,
    });
    expect(result.skipped).toEqual([
      { id: "360G-NEYT-0003", index: 2, reason: 'awardDate "31/02/2014" is not a real date' },
      { id: "360G-NEYT-0004", index: 3, reason: 'amountAwarded "0.30000000000000004" has a fraction of a penny' },
      { id: "360G-NEYT-0005", index: 4, reason: "its currency is USD, not GBP" },
      { id: null, index: 5, reason: "it has no id" },
      { id: "360G-OTHER-1", index: 6, reason: "it is funded by GB-CHC-999, not GB-CHC-1234567" },
      { id: "360G-NEYT-0001", index: 7, reason: "the same id appears earlier in this package" },
    ]);
    const commitments = await test.prisma.fundingCommitment.findMany({
      where: { fundId },
      orderBy: { externalId: "asc" },
    });
    expect(
      commitments.map((c) => [
        c.externalId,
        Number(c.amountPence),
        c.awardedOn?.toISOString().slice(0, 10),
        c.programmeId,
        c.status,
      ]),
    ).toEqual([
      ["360G-NEYT-0001", 191_400, "2013-09-27", null, "awarded"],
      ["360G-NEYT-0002", 250_050, "2001-03-26", null, "awarded"],
    ]);
    // Matched by identifier, though the file spells the council's name differently.
    expect(commitments[0]?.recipientId).toBe(councilId);
    const created = await test.prisma.organisation.findUniqueOrThrow({ where: { identifier: "GB-CHC-7654321" } });
    expect(commitments[1]?.recipientId).toBe(created.id);
    expect(
      await test.prisma.auditEvent.count({
        where: { entityId: { in: commitments.map((c) => c.id) }, action: "import" },
      }),
    ).toBe(2);
  });

  it("adds nothing when the same package is imported again", async () => {
    const before = await test.prisma.fundingCommitment.count();
    const result = (await post(PACKAGE)).json();
    expect(result).toMatchObject({ imported: 0, alreadyImported: 2, recipientsCreated: 0 });
    expect(result.skipped.filter((grant: { reason: string }) => grant.reason === "already imported")).toHaveLength(2);
    expect(await test.prisma.fundingCommitment.count()).toBe(before);
  });

  it("refuses what is not a package or names no fund, with the field", async () => {
    const notPackage = await post({ grant: [] });
    expect(notPackage.statusCode).toBe(400);
    expect(notPackage.json().fields[0].path).toBe("body.grants");
    const noFund = await post(PACKAGE, "fundId=not-a-uuid");
    expect(noFund.statusCode).toBe(400);
    const unknownFund = await post(PACKAGE, "fundId=00000000-0000-4000-8000-000000000000");
    expect(unknownFund.statusCode).toBe(422);
    expect(
      (
        await test
          .as("viewer")
          .inject({ method: "POST", url: `/api/imports/360giving?fundId=${fundId}`, payload: PACKAGE })
      ).statusCode,
    ).toBe(403);
  });

  it("reads the messy values published files contain", () => {
    const grant = (overrides: Record<string, unknown>) =>
      readGrant(
        {
          id: "g",
          title: "t",
          amountAwarded: 1,
          awardDate: "2014-01-01",
          recipientOrganization: [{ name: "R" }],
          ...overrides,
        },
        null,
      );
    expect(grant({ amountAwarded: 1914.1 })).toMatchObject({ ok: true, grant: { amountPence: 191_410 } });
    expect(grant({ amountAwarded: "1,000" })).toMatchObject({ ok: true, grant: { amountPence: 100_000 } });
    expect(grant({ awardDate: "2013-09-27T00:00:00+01:00" })).toMatchObject({
      ok: true,
      grant: { awardedOn: "2013-09-27" },
    });
    expect(grant({ amountAwarded: undefined })).toEqual({ ok: false, reason: "it has no amountAwarded" });
    expect(grant({ recipientOrganization: [] })).toEqual({ ok: false, reason: "it names no recipient organisation" });
    expect(grant({ amountAwarded: -5 })).toEqual({ ok: false, reason: "amountAwarded is negative" });
  });
});

describe("text in a published package", () => {
  const grant = (change: Record<string, unknown>) =>
    readGrant(
      {
        id: "360G-NEYT-0100",
        title: "Speech and language pilot",
        amountAwarded: 100,
        awardDate: "2014-01-01",
        recipientOrganization: [{ name: "Somebody" }],
        ...change,
      },
      null,
    );

  it.each([
    [{ id: "360G\u0000NEYT" }, "its id must not contain control characters"],
    [{ title: "Pilot\u001b[31m" }, "its title must not contain control characters"],
    [
      { recipientOrganization: [{ name: "Some\u0000body" }] },
      "its recipientOrganization.name must not contain control characters",
    ],
    [{ title: "Pilot \ud800" }, "its title must be valid Unicode text"],
    [{ awardDate: "1900-01-01" }, 'awardDate "1900-01-01" must be between 1990-01-01 and 2100-12-31'],
    [{ amountAwarded: 1_000_000_000.01 }, 'amountAwarded "1000000000.01" must be at most £1,000,000,000.00 either way'],
  ])("skips a grant with %j: %s", (change, reason) => {
    expect(grant(change)).toEqual({ ok: false, reason });
  });
});

describe("who may import what", () => {
  const grant = (id: string, recipient: { id?: string; name: string }) => ({
    id,
    title: "Family hubs",
    amountAwarded: 100,
    awardDate: "2020-05-01",
    recipientOrganization: [recipient],
  });

  it("lets a council's finance officer import only grants to their own council, and report the rest", async () => {
    const officer = await test.signInNew({ role: "finance_officer", organisationId: councilId });
    const organisations = await test.prisma.organisation.count();
    const response = await officer.inject({
      method: "POST",
      url: `/api/imports/360giving?fundId=${fundId}`,
      payload: {
        grants: [
          grant("360G-SCOPE-1", { id: "GB-LAE-RCH", name: "Rochdale Council" }),
          grant("360G-SCOPE-2", { name: "Northern Early Years Trust" }),
          grant("360G-SCOPE-3", { name: "A charity Fundline has never heard of" }),
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ imported: 1, importedPence: 10_000, recipientsCreated: 0 });
    expect(result.skipped).toEqual([
      {
        id: "360G-SCOPE-2",
        index: 1,
        reason: "its recipient (Northern Early Years Trust) is not your council: an administrator can import it",
      },
      {
        id: "360G-SCOPE-3",
        index: 2,
        reason:
          "its recipient (A charity Fundline has never heard of) is not in Fundline: only an administrator can add it",
      },
    ]);
    expect(await test.prisma.organisation.count()).toBe(organisations);
  });

  it("imports 20,000 grants to new recipients in one go for an administrator", async () => {
    const grants = Array.from({ length: 20_000 }, (_, index) =>
      grant(`360G-BULK-${index}`, { id: `GB-CHC-9${String(index).padStart(6, "0")}`, name: `Bulk recipient ${index}` }),
    );
    const response = await post({ grants });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 20_000, recipientsCreated: 20_000, importedPence: 200_000_000 });
    // Audited as the domain words a new record's changes, one event each.
    const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({ where: { externalId: "360G-BULK-7" } });
    const [event] = await test.prisma.auditEvent.findMany({
      where: { entityType: "FundingCommitment", entityId: commitment.id },
    });
    expect(event?.changes).toEqual(
      fieldChanges(null, {
        title: "Family hubs",
        amountPence: 10_000,
        externalId: "360G-BULK-7",
        fundId,
        recipientId: commitment.recipientId,
        awardedOn: "2020-05-01",
        programmeId: null,
      }),
    );
    const recipient = await test.prisma.organisation.findUniqueOrThrow({ where: { id: commitment.recipientId ?? "" } });
    expect(recipient).toMatchObject({ name: "Bulk recipient 7", identifier: "GB-CHC-9000007" });
    expect(
      await test.prisma.auditEvent.count({
        where: { entityType: "Organisation", reason: "360Giving import: a grant's recipient" },
      }),
    ).toBeGreaterThanOrEqual(20_000);
  });
});
