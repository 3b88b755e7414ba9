import { Prisma, type PrismaClient } from "@fundline/db";
import { penceFromBigInt } from "@fundline/domain";
import type { ProgrammeListResponse, ProgrammeSummary } from "@fundline/schemas";

type ProgrammeRow = {
  id: string;
  name: string;
  status: ProgrammeSummary["status"];
  leadOrganisationId: string;
  leadOrganisationName: string;
  committedPence: bigint;
  allocatedPence: bigint;
  spentPence: bigint;
};

/**
 * Every live programme with committed, allocated and spent totals. Raw SQL because the three
 * sums are separate aggregates over different tables: each is grouped once, then joined, so
 * the database never multiplies rows and JavaScript never adds money up.
 */
export async function listProgrammes(prisma: PrismaClient): Promise<ProgrammeListResponse> {
  const programmes = await programmeSummaries(prisma);
  return { programmes, total: programmes.length };
}

/** The summaries of all live programmes, or of one when `programmeId` is given. */
export async function programmeSummaries(
  prisma: PrismaClient,
  filter: { programmeId?: string } = {},
): Promise<ProgrammeSummary[]> {
  const onlyProgramme = filter.programmeId ? Prisma.sql`AND programme.id = ${filter.programmeId}::uuid` : Prisma.empty;
  const rows = await prisma.$queryRaw<ProgrammeRow[]>`
    WITH committed AS (
      SELECT "programmeId", sum("amountPence")::bigint AS pence
      FROM "FundingCommitment"
      WHERE "retiredAt" IS NULL AND status IN ('awarded', 'received') AND "programmeId" IS NOT NULL
      GROUP BY "programmeId"
    ), allocated AS (
      SELECT line."programmeId", sum(allocation."amountPence")::bigint AS pence
      FROM "Allocation" allocation
      JOIN "CostLine" line ON line.id = allocation."costLineId"
      WHERE allocation."retiredAt" IS NULL
      GROUP BY line."programmeId"
    ), spent AS (
      SELECT "programmeId", sum("amountPence")::bigint AS pence
      FROM "Spend"
      WHERE "retiredAt" IS NULL
      GROUP BY "programmeId"
    )
    SELECT programme.id::text AS id, programme.name, programme.status::text AS status,
           lead.id::text AS "leadOrganisationId", lead.name AS "leadOrganisationName",
           coalesce(committed.pence, 0)::bigint AS "committedPence",
           coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
           coalesce(spent.pence, 0)::bigint AS "spentPence"
    FROM "Programme" programme
    JOIN "Organisation" lead ON lead.id = programme."leadOrganisationId"
    LEFT JOIN committed ON committed."programmeId" = programme.id
    LEFT JOIN allocated ON allocated."programmeId" = programme.id
    LEFT JOIN spent ON spent."programmeId" = programme.id
    WHERE programme."retiredAt" IS NULL ${onlyProgramme}
    ORDER BY programme.name`;

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    leadOrganisation: { id: row.leadOrganisationId, name: row.leadOrganisationName },
    committedPence: penceFromBigInt(row.committedPence),
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
  }));
}
