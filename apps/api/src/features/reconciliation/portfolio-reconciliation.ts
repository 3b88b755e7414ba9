import { Prisma, type PrismaClient } from "@fundline/db";
import {
  FLAG_SEVERITY,
  penceFromBigInt,
  reconciliationFlags,
  toIsoDate,
  toIsoDateOrNull,
  UNSPENT_WARNING_DAYS,
} from "@fundline/domain";
import type { FlagCode, PortfolioFlag, PortfolioReconciliation, PortfolioReconciliationQuery } from "@fundline/schemas";
import type { Scope } from "../../plugins/scope.ts";
import { programmeFilter } from "../programmes/list-programmes.ts";
import { capitalOutsideYear, commitmentFigures, costLineFigures, costSharingFigures } from "./figures.ts";

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

type Computed = {
  flags: PortfolioFlag[];
  money: Omit<PortfolioReconciliation["totals"], CountedTotals>;
  views: Map<string, View>;
};
type View = { flags: PortfolioFlag[]; totals: PortfolioReconciliation["totals"] };
type CountedTotals = "programmesFlagged" | "flags" | "bySeverity" | "byCode";
type Filters = Pick<PortfolioReconciliationQuery, "funderId" | "organisationId" | "financialYear">;

/**
 * Every open flag across the programmes the caller can see, filtered and paged. A computed
 * portfolio is kept and served again only while no transaction that changes what it reads has
 * committed since the snapshot it was computed from (see ReconciliationChange): exact, never
 * a timed guess. Set FUNDLINE_PORTFOLIO_CACHE=off to compute every time.
 */
export async function reconcilePortfolio(
  prisma: PrismaClient,
  query: PortfolioReconciliationQuery,
  scope: Scope,
  today = new Date(),
): Promise<PortfolioReconciliation> {
  const filters = {
    funderId: query.funderId,
    organisationId: query.organisationId,
    financialYear: query.financialYear,
  };
  const key = JSON.stringify([scope.organisationId, filters, toIsoDate(today)]);
  const computed = (await cachedIfCurrent(prisma, key)) ?? (await computeAndKeep(prisma, key, filters, scope, today));

  const view = viewOf(computed, query);
  return {
    flags: view.flags.slice((query.page - 1) * query.pageSize, query.page * query.pageSize),
    total: view.flags.length,
    page: query.page,
    pageSize: query.pageSize,
    totals: view.totals,
  };
}

/** The flags of one severity/code filter and their counts, worked out once per kept portfolio. */
function viewOf(computed: Computed, query: Pick<PortfolioReconciliationQuery, "severity" | "code">): View {
  const key = `${query.severity ?? ""}|${query.code ?? ""}`;
  const kept = computed.views.get(key);
  if (kept) return kept;
  const flags = computed.flags.filter(
    (flag) => (!query.severity || flag.severity === query.severity) && (!query.code || flag.code === query.code),
  );
  const bySeverity = { high: 0, medium: 0, low: 0 };
  const byCode = new Map<FlagCode, number>();
  for (const flag of flags) {
    bySeverity[flag.severity]++;
    byCode.set(flag.code, (byCode.get(flag.code) ?? 0) + 1);
  }
  const view: View = {
    flags,
    totals: {
      ...computed.money,
      programmesFlagged: new Set(flags.map((flag) => flag.programme.id)).size,
      flags: flags.length,
      bySeverity,
      byCode: (Object.keys(FLAG_SEVERITY) as FlagCode[]).flatMap((code) => {
        const count = byCode.get(code) ?? 0;
        return count ? [{ code, severity: FLAG_SEVERITY[code], count }] : [];
      }),
    },
  };
  computed.views.set(key, view);
  return view;
}

// A kept portfolio of 5,000 programmes is a few megabytes: at most this many are kept.
const CACHE_ENTRIES = 50;
/** Older entries are recomputed; with transactions bounded at 30 minutes, notes older than two hours can go. */
const CACHE_AGE_MS = 30 * 60_000;
const cache = new Map<string, { snapshot: string; keptAt: number; computed: Computed }>();
export const portfolioCacheCounts = { served: 0, computed: 0 };

async function cachedIfCurrent(prisma: PrismaClient, key: string): Promise<Computed | undefined> {
  const entry = cache.get(key);
  if (!entry || process.env.FUNDLINE_PORTFOLIO_CACHE === "off") return undefined;
  if (Date.now() - entry.keptAt > CACHE_AGE_MS) return undefined;
  // Has any change committed that the snapshot did not see?
  const [check] = await prisma.$queryRaw<{ stale: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "ReconciliationChange"
      WHERE "transactionId" >= pg_snapshot_xmin(${entry.snapshot}::pg_snapshot)::text::bigint
        AND NOT pg_visible_in_snapshot("transactionId"::text::xid8, ${entry.snapshot}::pg_snapshot)
    ) AS stale`;
  if (check?.stale !== false) return undefined;
  portfolioCacheCounts.served++;
  return entry.computed;
}

async function computeAndKeep(
  prisma: PrismaClient,
  key: string,
  filters: Filters,
  scope: Scope,
  today: Date,
): Promise<Computed> {
  // The snapshot is taken before any figure is read, so everything read is at least this new.
  const [{ snapshot } = { snapshot: "" }] = await prisma.$queryRaw<{ snapshot: string }[]>`
    SELECT pg_current_snapshot()::text AS snapshot`;
  const computed = await computePortfolio(prisma, filters, scope, today);
  portfolioCacheCounts.computed++;
  cache.delete(key);
  cache.set(key, { snapshot, keptAt: Date.now(), computed });
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  void prisma.$executeRaw`DELETE FROM "ReconciliationChange" WHERE "changedAt" < now() - interval '2 hours'`.catch(
    () => {},
  );
  return computed;
}

/**
 * Each rule's candidates are found in SQL from the running totals (partial indexes hold just
 * the rows a flag is raised for), so the cost follows the number of problems, not the number
 * of spend rows; the same rules as a programme's own reconciliation then decide and word each flag.
 */
async function computePortfolio(prisma: PrismaClient, query: Filters, scope: Scope, today: Date): Promise<Computed> {
  const todayIso = toIsoDate(today);
  const matching = Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter({
    scope,
    organisationId: query.organisationId,
    funderId: query.funderId,
    financialYear: query.financialYear,
  })}`;

  const [[money], candidates, overAllocated, costLines, costSharing, capital] = await Promise.all([
    prisma.$queryRaw<
      {
        programmes: bigint;
        totalCostPence: bigint;
        committedPence: bigint;
        spentPence: bigint;
        shortfallPence: bigint;
      }[]
    >`
      SELECT count(*)::bigint AS programmes,
             coalesce(sum(programme."totalCostPence"), 0)::bigint AS "totalCostPence",
             coalesce(sum(total."committedPence"), 0)::bigint AS "committedPence",
             coalesce(sum(total."spentPence"), 0)::bigint AS "spentPence",
             coalesce(sum(greatest(programme."totalCostPence" - coalesce(total."committedPence", 0), 0)), 0)::bigint AS "shortfallPence"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})`,
    // Not fully funded, or ending within the warning window (their commitments are read below).
    prisma.$queryRaw<{ id: string; nearEnd: boolean }[]>`
      SELECT programme.id::text AS id,
             programme."endOn" BETWEEN ${todayIso}::date AND ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int AS "nearEnd"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})
        AND (programme."totalCostPence" > coalesce(total."committedPence", 0)
             OR programme."endOn" BETWEEN ${todayIso}::date AND ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int)`,
    prisma.$queryRaw<{ programmeId: string }[]>`
      SELECT DISTINCT commitment."programmeId"::text AS "programmeId"
      FROM "CommitmentTotal" total JOIN "FundingCommitment" commitment ON commitment.id = total."commitmentId"
      WHERE total."allocatedPence" > total."amountPence" AND commitment."retiredAt" IS NULL
        AND commitment."programmeId" IN (${matching})`,
    costLineFigures(prisma, matching, { problemsOnly: true }),
    costSharingFigures(prisma, matching),
    capitalOutsideYear(prisma, matching),
  ]);

  // Every commitment of a programme near its end (money at risk) or with one over-allocated.
  const commitmentProgrammes = [
    ...new Set([
      ...candidates.filter((candidate) => candidate.nearEnd).map((candidate) => candidate.id),
      ...overAllocated.map((row) => row.programmeId),
    ]),
  ];
  const commitments = commitmentProgrammes.length
    ? await commitmentFigures(prisma, Prisma.sql`SELECT unnest(${commitmentProgrammes}::uuid[])`)
    : [];

  const programmeIds = [
    ...new Set([
      ...candidates.map((candidate) => candidate.id),
      ...commitmentProgrammes,
      ...costLines.map((line) => line.programmeId),
      ...costSharing.map((agreement) => agreement.programmeId),
      ...capital.map((row) => row.programmeId),
    ]),
  ];
  const programmes = programmeIds.length
    ? await prisma.$queryRaw<
        { id: string; name: string; totalCostPence: bigint | null; committedPence: bigint; endOn: Date | null }[]
      >`
        SELECT programme.id::text AS id, programme.name, programme."totalCostPence", programme."endOn",
               coalesce(total."committedPence", 0)::bigint AS "committedPence"
        FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
        WHERE programme.id = ANY(${programmeIds}::uuid[])`
    : [];

  const byProgramme = {
    commitments: groupBy(commitments),
    costLines: groupBy(costLines),
    costSharing: groupBy(costSharing),
    capital: groupBy(
      query.financialYear ? capital.filter((row) => row.financialYear === query.financialYear) : capital,
    ),
  };

  const allFlags: PortfolioFlag[] = programmes.flatMap((programme) =>
    reconciliationFlags({
      programmeId: programme.id,
      totalCostPence: programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence),
      committedPence: penceFromBigInt(programme.committedPence),
      endOn: toIsoDateOrNull(programme.endOn),
      today: todayIso,
      commitments: (byProgramme.commitments.get(programme.id) ?? []).map((commitment) => ({
        ...commitment,
        awarded: commitment.status === "awarded" || commitment.status === "received",
      })),
      costLines: byProgramme.costLines.get(programme.id) ?? [],
      costSharing: byProgramme.costSharing.get(programme.id) ?? [],
      capitalOutsideYear: byProgramme.capital.get(programme.id) ?? [],
    }).map((flag) => ({ ...flag, programme: { id: programme.id, name: programme.name } })),
  );

  const flags = allFlags.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.programme.name.localeCompare(b.programme.name) ||
      a.programme.id.localeCompare(b.programme.id),
  );
  return {
    flags,
    views: new Map(),
    money: {
      programmes: Number(money?.programmes ?? 0),
      totalCostPence: penceFromBigInt(money?.totalCostPence ?? 0n),
      committedPence: penceFromBigInt(money?.committedPence ?? 0n),
      spentPence: penceFromBigInt(money?.spentPence ?? 0n),
      shortfallPence: penceFromBigInt(money?.shortfallPence ?? 0n),
    },
  };
}

function groupBy<Row extends { programmeId: string }>(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.programmeId);
    if (group) group.push(row);
    else groups.set(row.programmeId, [row]);
  }
  return groups;
}
