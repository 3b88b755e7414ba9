import { Prisma } from "@fundline/db";
import type { ProgrammeListQuery } from "@fundline/schemas";
import { windowBounds, yearOf } from "../../lib/paging.ts";
import { type Scope, visibleProgrammesSql } from "../../lib/scope.ts";

/**
 * Which programmes a list, a total or the dashboard is of: those the reader sees, narrowed by
 * the programme list's filters (lead or partner, funder, status, running during a year).
 */
export type SummaryFilter = Partial<Omit<ProgrammeListQuery, "page" | "pageSize" | "sort" | "direction">> & {
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

/** The WHERE clause shared by a page and its count. */
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
