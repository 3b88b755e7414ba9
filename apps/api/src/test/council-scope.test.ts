// Every row of a council's data names its council on the row itself (issue 31, part 3): a
// programme's records carry its lead council, and a child record its parent's programme and
// council, kept by the database (prisma/sql/council-scope.sql) whatever the writer said. The
// expected council is worked out here from the tables' own links, not read from the columns.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(test.prisma);
});
afterAll(() => test.close());

/** Each table's programme and council as its links say, from first principles. */
const lead = (programme: string) => `(SELECT p."leadOrganisationId" FROM "Programme" p WHERE p.id = ${programme})`;
const commitmentCouncil = (commitment: string) =>
  `(SELECT coalesce(${lead('c."programmeId"')}, c."recipientId") FROM "FundingCommitment" c WHERE c.id = ${commitment})`;
const EXPECTED: Record<string, { programme?: string; council: string }> = {
  ...Object.fromEntries(
    [
      "Workstream",
      "CostLine",
      "CostSharingAgreement",
      "Spend",
      "Milestone",
      "DeliverableTarget",
      "Benefit",
      "Risk",
      "ProgrammePartner",
      "ProgrammeMonthTotal",
      "ProgrammeTotal",
      "ProgrammeFinding",
      "AttributedSpend",
      "ProgrammeYearFigure",
      "ProgrammeFunderFigure",
      "ProgrammeAssignment",
      "AuditEvent",
    ].map((table) => [table, { council: lead('row."programmeId"') }]),
  ),
  FundingCommitment: { council: `coalesce(${lead('row."programmeId"')}, row."recipientId")` },
  Decision: { council: `coalesce(${lead('row."programmeId"')}, row."organisationId")` },
  ChangeRequest: { council: `coalesce(${lead('row."programmeId"')}, row."organisationId")` },
  ...Object.fromEntries(
    ["CommitmentYearProfile", "Receipt", "Allocation", "CommitmentTotal", "CommitmentYearTotal", "FunderClaim"].map(
      (table) => [
        table,
        {
          programme: `(SELECT c."programmeId" FROM "FundingCommitment" c WHERE c.id = row."commitmentId")`,
          council: commitmentCouncil('row."commitmentId"'),
        },
      ],
    ),
  ),
  ...Object.fromEntries(
    ["CostLineTotal", "CostLineYearTotal"].map((table) => [
      table,
      {
        programme: `(SELECT l."programmeId" FROM "CostLine" l WHERE l.id = row."costLineId")`,
        council: lead(`(SELECT l."programmeId" FROM "CostLine" l WHERE l.id = row."costLineId")`),
      },
    ]),
  ),
  ...Object.fromEntries(
    ["CostShare", "CostSharingTotal", "CostSharingPaymentTotal"].map((table) => [
      table,
      {
        programme: `(SELECT a."programmeId" FROM "CostSharingAgreement" a WHERE a.id = row."agreementId")`,
        council: lead(`(SELECT a."programmeId" FROM "CostSharingAgreement" a WHERE a.id = row."agreementId")`),
      },
    ]),
  ),
  MilestoneChange: {
    programme: `(SELECT m."programmeId" FROM "Milestone" m WHERE m.id = row."milestoneId")`,
    council: lead(`(SELECT m."programmeId" FROM "Milestone" m WHERE m.id = row."milestoneId")`),
  },
  BenefitReading: {
    programme: `(SELECT b."programmeId" FROM "Benefit" b WHERE b.id = row."benefitId")`,
    council: lead(`(SELECT b."programmeId" FROM "Benefit" b WHERE b.id = row."benefitId")`),
  },
};

/** Rows whose columns differ from what their links say, per table (only tables with any rows). */
async function misplacedRows(): Promise<Record<string, number>> {
  const misplaced: Record<string, number> = {};
  for (const [table, expected] of Object.entries(EXPECTED)) {
    const programmeDiffers = expected.programme ? `OR row."programmeId" IS DISTINCT FROM ${expected.programme}` : "";
    const [{ count }] = await test.prisma.$queryRawUnsafe<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM "${table}" row
       WHERE row."councilId" IS DISTINCT FROM ${expected.council} ${programmeDiffers}`,
    );
    if (count > 0) misplaced[table] = count;
  }
  return misplaced;
}

async function rowCounts(tables: string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [{ count }] = await test.prisma.$queryRawUnsafe<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM "${table}" WHERE "councilId" IS NOT NULL`,
    );
    counts[table] = count;
  }
  return counts;
}

describe("the council on every row", () => {
  it("is a column of every table that holds a programme's or a record's data", async () => {
    // A table with a programme, or with a link to a table that has a council, must have a council.
    const [{ missing }] = await test.prisma.$queryRaw<[{ missing: string[] }]>`
      WITH columns AS (
        SELECT table_name, array_agg(column_name::text) AS names FROM information_schema.columns
        WHERE table_schema = 'public' GROUP BY 1
      ), links AS (
        SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint link
        JOIN pg_class child ON child.oid = link.conrelid JOIN pg_class parent ON parent.oid = link.confrelid
        WHERE link.contype = 'f' AND child.relnamespace = 'public'::regnamespace
      )
      SELECT coalesce(array_agg(DISTINCT columns.table_name::text ORDER BY columns.table_name::text), '{}') AS missing
      FROM columns
      WHERE NOT 'councilId' = ANY (columns.names) AND NOT 'organisationId' = ANY (columns.names)
        AND columns.table_name <> 'Programme'
        AND ('programmeId' = ANY (columns.names) OR EXISTS (
          SELECT 1 FROM links JOIN columns parent ON parent.table_name = links.parent
          WHERE links.child = columns.table_name AND 'councilId' = ANY (parent.names)))`;
    // A council's own records (its ledger codes, mappings, imports) name it as their organisation.
    // A person's sign-in records hang off their user and are read before any council is known.
    expect(missing).toEqual([]);
    expect(Object.keys(EXPECTED).length).toBe(33);
  });

  it("holds, after the demo programmes are seeded, what each row's links say, on every table", async () => {
    expect(await misplacedRows()).toEqual({});
    // And the seed did write rows that carry a council (a check on empty tables proves nothing).
    const counts = await rowCounts(["Spend", "Receipt", "Allocation", "CostLineTotal", "CommitmentYearProfile"]);
    for (const [table, count] of Object.entries(counts)) expect(count, table).toBeGreaterThan(0);
  });

  it("takes the programme's lead, not what the writer said, and follows a commitment to its new programme", async () => {
    const programmes = await test.prisma.programme.findMany({ take: 2, orderBy: { name: "asc" } });
    const [first, second] = programmes as [(typeof programmes)[0], (typeof programmes)[0]];
    expect(first.leadOrganisationId).not.toBe(second.leadOrganisationId);
    const line = await test.prisma.costLine.create({
      data: { programmeId: first.id, name: "Scope test line", councilId: second.leadOrganisationId },
    });
    expect(line.councilId).toBe(first.leadOrganisationId);
    const funder = await test.prisma.organisation.create({ data: { name: "Scope test funder", kinds: ["funder"] } });
    const fund = await test.prisma.fund.create({
      data: { funderId: funder.id, name: "Scope fund", fundType: "revenue" },
    });
    // A grant tied to no programme yet: its recipient's, and so are its receipt and profile.
    const grant = await test.prisma.fundingCommitment.create({
      data: {
        fundId: fund.id,
        title: "Scope test grant",
        amountPence: 500_000n,
        status: "received",
        recipientId: second.leadOrganisationId,
        profile: { create: [{ financialYear: 2024, amountPence: 500_000n }] },
        receipts: { create: [{ receivedOn: new Date("2024-05-01"), amountPence: 500_000n }] },
      },
      include: { receipts: true, profile: true },
    });
    expect([grant.councilId, grant.receipts[0]?.councilId, grant.profile[0]?.councilId]).toEqual([
      second.leadOrganisationId,
      second.leadOrganisationId,
      second.leadOrganisationId,
    ]);
    expect(grant.receipts[0]?.programmeId).toBeNull();
    // Tied to the first programme: it and everything under it become that programme's lead's.
    await test.prisma.fundingCommitment.update({ where: { id: grant.id }, data: { programmeId: first.id } });
    await test.prisma.allocation.create({ data: { commitmentId: grant.id, costLineId: line.id, amountPence: 1_000n } });
    const tied = await test.prisma.fundingCommitment.findUniqueOrThrow({
      where: { id: grant.id },
      include: { receipts: true, profile: true, allocations: true },
    });
    const scopes = [tied, tied.receipts[0], tied.profile[0], tied.allocations[0]].map((row) => [
      row?.programmeId,
      row?.councilId,
    ]);
    expect(scopes).toEqual(Array(4).fill([first.id, first.leadOrganisationId]));
    const [total] = await test.prisma.$queryRaw<{ programmeId: string; councilId: string }[]>`
      SELECT "programmeId"::text, "councilId"::text FROM "CommitmentTotal" WHERE "commitmentId" = ${grant.id}::uuid`;
    expect(total).toEqual({ programmeId: first.id, councilId: first.leadOrganisationId });
    expect(await misplacedRows()).toEqual({});
  });

  it("is filled for rows written before it existed by the migration's own backfill", async () => {
    const migrations = fileURLToPath(new URL("../../../../prisma/migrations/", import.meta.url));
    const { readdir } = await import("node:fs/promises");
    const folder = (await readdir(migrations)).find((name) => name.endsWith("_council_scope"));
    const sql = await readFile(`${migrations}${folder}/migration.sql`, "utf8");
    const backfill = sql.slice(sql.indexOf("-- Every existing row takes its council"));
    expect(backfill).toContain('UPDATE "Spend"');
    // Forget every council, as a database from before the migration would be, then backfill.
    await test.prisma.$transaction(
      async (tx) => {
        for (const table of Object.keys(EXPECTED)) {
          const programme = EXPECTED[table]?.programme ? `, "programmeId" = NULL` : "";
          await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
          await tx.$executeRawUnsafe(`UPDATE "${table}" SET "councilId" = NULL${programme}`);
          await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
        }
        const [{ count }] = await tx.$queryRaw<[{ count: number }]>`
          SELECT count(*)::int AS count FROM "Spend" WHERE "councilId" IS NOT NULL`;
        expect(count).toBe(0);
        await tx.$executeRawUnsafe(backfill);
      },
      { timeout: 60_000 },
    );
    expect(await misplacedRows()).toEqual({});
  });
});
