import { Prisma, type PrismaClient } from "@fundline/db";
import { penceFromBigInt } from "@fundline/domain";
import type { ProgrammeListQuery, ProgrammeListResponse, ProgrammeSummary } from "@fundline/schemas";
import type { Scope } from "../../lib/scope.ts";
import { fundersShare, programmeFilter, type SummaryFilter } from "../programme-figures/index.ts";

type ProgrammeRow = {
  id: string;
  name: string;
  status: ProgrammeSummary["status"];
  leadOrganisationId: string;
  leadOrganisationName: string;
  committedPence: bigint;
  allocatedPence: bigint;
  spentPence: bigint;
  retiredAt: Date | null;
  version: number;
};

// Sort keys come from the schema's enum; this maps each to SQL, so no request text reaches the query.
const ORDER_BY: Record<ProgrammeListQuery["sort"], Prisma.Sql> = {
  name: Prisma.sql`programme.name`,
  startOn: Prisma.sql`programme."startOn"`,
  endOn: Prisma.sql`programme."endOn"`,
  committedPence: Prisma.sql`coalesce(total."committedPence", 0)`,
  spentPence: Prisma.sql`coalesce(total."spentPence", 0)`,
  createdAt: Prisma.sql`programme."createdAt"`,
};

/**
 * A programme's money figures: its running totals, or with a funder chosen that funder's own
 * share (its commitments, their allocations, the spend attributed to them).
 */
const FIGURES = (funderId: string | undefined) =>
  funderId
    ? {
        committed: Prisma.sql`coalesce(funded.committed, 0)`,
        allocated: Prisma.sql`coalesce(funded.allocated, 0)`,
        spent: Prisma.sql`coalesce(funded.spent, 0)`,
      }
    : {
        committed: Prisma.sql`coalesce(total."committedPence", 0)`,
        allocated: Prisma.sql`coalesce(total."allocatedPence", 0)`,
        spent: Prisma.sql`coalesce(total."spentPence", 0)`,
      };

/** With a funder chosen, the `funded` CTE over the programmes the filter matches. */
function shareOf(filter: SummaryFilter): Prisma.Sql {
  if (!filter.funderId) return Prisma.empty;
  const matching = Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter(filter)}`;
  return Prisma.sql`WITH ${fundersShare(matching, filter.funderId)}`;
}

/** One page of programmes with their money totals, and how many match and their totals. */
export async function listProgrammes(
  prisma: PrismaClient,
  query: ProgrammeListQuery,
  scope: Scope,
): Promise<ProgrammeListResponse> {
  const [programmes, [matching]] = await Promise.all([
    programmeSummaries(
      prisma,
      { ...query, scope },
      {
        orderBy: ORDER_BY[query.sort],
        direction: query.direction,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      },
    ),
    prisma.$queryRaw<{ total: bigint; committedPence: bigint; allocatedPence: bigint; spentPence: bigint }[]>`
      ${shareOf({ ...query, scope })}
      SELECT count(*)::bigint AS total,
             coalesce(sum(${FIGURES(query.funderId).committed}), 0)::bigint AS "committedPence",
             coalesce(sum(${FIGURES(query.funderId).allocated}), 0)::bigint AS "allocatedPence",
             coalesce(sum(${FIGURES(query.funderId).spent}), 0)::bigint AS "spentPence"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      ${query.funderId ? Prisma.sql`LEFT JOIN funded ON funded."programmeId" = programme.id` : Prisma.empty}
      ${programmeFilter({ ...query, scope })}`,
  ]);
  return {
    programmes,
    total: Number(matching?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      committedPence: penceFromBigInt(matching?.committedPence ?? 0n),
      allocatedPence: penceFromBigInt(matching?.allocatedPence ?? 0n),
      spentPence: penceFromBigInt(matching?.spentPence ?? 0n),
    },
  };
}

/**
 * Programme summaries with committed, allocated and spent totals, read from the running totals
 * the triggers keep, so listing programmes never re-adds their spend rows.
 */
export async function programmeSummaries(
  prisma: PrismaClient,
  filter: SummaryFilter,
  page: { orderBy: Prisma.Sql; direction: "asc" | "desc"; limit: number; offset: number } = {
    orderBy: ORDER_BY.name,
    direction: "asc",
    limit: 500,
    offset: 0,
  },
): Promise<ProgrammeSummary[]> {
  const direction = page.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const figures = FIGURES(filter.funderId);
  const rows = await prisma.$queryRaw<ProgrammeRow[]>`
    ${shareOf(filter)}
    SELECT programme.id::text AS id, programme.name, programme.status::text AS status,
           programme."retiredAt", programme.version,
           lead.id::text AS "leadOrganisationId", lead.name AS "leadOrganisationName",
           ${figures.committed}::bigint AS "committedPence",
           ${figures.allocated}::bigint AS "allocatedPence",
           ${figures.spent}::bigint AS "spentPence"
    FROM "Programme" programme
    JOIN "Organisation" lead ON lead.id = programme."leadOrganisationId"
    LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
    ${filter.funderId ? Prisma.sql`LEFT JOIN funded ON funded."programmeId" = programme.id` : Prisma.empty}
    ${programmeFilter(filter)}
    ORDER BY ${page.orderBy} ${direction} NULLS LAST, programme.id
    LIMIT ${page.limit} OFFSET ${page.offset}`;

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    leadOrganisation: { id: row.leadOrganisationId, name: row.leadOrganisationName },
    committedPence: penceFromBigInt(row.committedPence),
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    version: row.version,
  }));
}
