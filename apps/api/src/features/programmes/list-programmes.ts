import { Prisma, type PrismaClient } from "@fundline/db";
import { penceFromBigInt } from "@fundline/domain";
import type { ProgrammeListQuery, ProgrammeListResponse, ProgrammeSummary } from "@fundline/schemas";
import { windowBounds, yearOf } from "../../lib/paging.ts";
import { type Scope, visibleProgrammesSql } from "../../lib/scope.ts";
import { fundersShare } from "../reconciliation/index.ts";

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

type SummaryFilter = Partial<Omit<ProgrammeListQuery, "page" | "pageSize" | "sort" | "direction">> & {
  programmeId?: string;
  /** Just these programmes (of those the other conditions match). */
  programmeIds?: string[];
  /** Programmes this funder has awarded money to. */
  funderId?: string;
  /**
   * With a financial year: also the programmes with spend in it though they were not meant to
   * run then (spend after a programme's end is exactly what a year's findings are about).
   */
  orSpentInYear?: boolean;
  scope: Scope;
};

/** The WHERE clause shared by the page and its count. */
export function programmeFilter(filter: SummaryFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [visibleProgrammesSql(filter.scope)];
  if (!filter.includeRetired) conditions.push(Prisma.sql`programme."retiredAt" IS NULL`);
  if (filter.programmeId) conditions.push(Prisma.sql`programme.id = ${filter.programmeId}::uuid`);
  if (filter.programmeIds) conditions.push(Prisma.sql`programme.id = ANY(${filter.programmeIds}::uuid[])`);
  if (filter.status) conditions.push(Prisma.sql`programme.status = ${filter.status}::"ProgrammeStatus"`);
  if (filter.organisationId) {
    conditions.push(Prisma.sql`(programme."leadOrganisationId" = ${filter.organisationId}::uuid OR EXISTS (
      SELECT 1 FROM "ProgrammePartner" partner
      WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${filter.organisationId}::uuid))`);
  }
  if (filter.funderId) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "FundingCommitment" commitment JOIN "Fund" fund ON fund.id = commitment."fundId"
      WHERE commitment."programmeId" = programme.id AND fund."funderId" = ${filter.funderId}::uuid
        AND commitment."retiredAt" IS NULL AND commitment.status IN ('awarded', 'received'))`);
  }
  // Running during the window: started by its end (or undated) and not ended before its start.
  const { from, to } = windowBounds(filter);
  const running: Prisma.Sql[] = [];
  if (to) running.push(Prisma.sql`(programme."startOn" IS NULL OR programme."startOn" <= ${to}::date)`);
  if (from) running.push(Prisma.sql`(programme."endOn" IS NULL OR programme."endOn" >= ${from}::date)`);
  if (running.length && filter.orSpentInYear && filter.financialYear) {
    conditions.push(Prisma.sql`((${Prisma.join(running, " AND ")}) OR EXISTS (
      SELECT 1 FROM "CostLineYearTotal" year JOIN "CostLine" line ON line.id = year."costLineId"
      WHERE line."programmeId" = programme.id AND year."financialYear" = ${yearOf(filter.financialYear)}
        AND year."spentPence" <> 0))`);
  } else {
    conditions.push(...running);
  }
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

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
