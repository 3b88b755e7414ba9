// Where the money and the delivery stand across the programmes a user can see, with the
// dashboard's filters. Every figure is added up by PostgreSQL, from the running totals for money,
// within each slice of the programmes (slices.ts); the slices are added together in combine.ts.
import type { PrismaClient } from "@fundline/db";
import { todayInTheUk, ukDayOf } from "@fundline/domain";
import type { DashboardQuery, DashboardResponse } from "@fundline/schemas";
import { readAsAt } from "../../lib/as-at.ts";
import { keptSlicedResults } from "../../lib/change-notes.ts";
import type { Scope } from "../../lib/scope.ts";
import { combineSlices } from "./combine.ts";
import { type DashboardSlices, sliceOf, workOutSlices } from "./slices.ts";

// A whole portfolio's slices are a few thousand rows (each slice's first few of each list); a
// council's, a few hundred. At most this many rows are kept across every user's council and filters.
const keptDashboards = keptSlicedResults<DashboardSlices, DashboardResponse>({
  entries: 500,
  maxRows: 400_000,
  maxAgeMs: 30 * 60_000,
  sliceOf,
});
export const dashboardCacheCounts = keptDashboards.counts;

/**
 * The dashboard for a scope and its filters, kept and served while no write it could reflect has
 * committed (change notes cover the money, the programmes and their delivery records); after
 * one, just the slices of the programmes it changed are worked out again. Its day is part of
 * what is kept: overdue milestones change at midnight, UK time.
 */
export function dashboard(prisma: PrismaClient, query: DashboardQuery, scope: Scope): Promise<DashboardResponse> {
  // As at a past moment: worked out whole from the rows as they were then (never kept: it is
  // asked for rarely, and a committee's printout is one request).
  if (query.asAt) {
    return readAsAt(
      prisma,
      query.asAt,
      async (db, moment) => {
        const today = ukDayOf(moment as Date);
        return {
          ...combineSlices(await workOutSlices(db, query, scope, today, { whole: true }), today),
          asAt: (moment as Date).toISOString(),
        };
      },
      { programmeId: query.programmeId },
    );
  }
  // One day for the key and every query, so a result worked out either side of midnight is
  // kept under the day it was worked out for.
  const todayIso = todayInTheUk();
  const key = JSON.stringify([scope.organisationId, query, todayIso]);
  return keptDashboards(
    prisma,
    key,
    (only) => workOutSlices(prisma, query, scope, todayIso, { whole: false, only }),
    (slices) => combineSlices(slices, todayIso),
  );
}
