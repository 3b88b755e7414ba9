import { Prisma, type PrismaClient } from "@fundline/db";
import {
  FLAG_SEVERITY,
  parseFinancialYearLabel,
  penceFromBigInt,
  reconciliationFlags,
  toIsoDate,
  toIsoDateOrNull,
  UNSPENT_WARNING_DAYS,
} from "@fundline/domain";
import type { FlagCode, PortfolioFlag, PortfolioReconciliation, PortfolioReconciliationQuery } from "@fundline/schemas";
import { changesSince, currentSnapshot, oneAtATime, pruneChangeNotes, takenAfter } from "../../lib/change-notes.ts";
import type { Scope } from "../../lib/scope.ts";
import { programmeFilter } from "../programmes/index.ts";
import {
  capitalOutsideYear,
  commitmentFigures,
  costLineFigures,
  costSharingFigures,
  fundersShare,
  largePayments,
  spendOutsideDates,
} from "./figures.ts";

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
 * portfolio is kept; each request brings it up to date exactly (see currentPortfolio).
 * `keep: false` (FUNDLINE_PORTFOLIO_CACHE=off) computes it whole every time.
 */
export async function reconcilePortfolio(
  prisma: PrismaClient,
  query: PortfolioReconciliationQuery,
  scope: Scope,
  today = new Date(),
  { keep = true }: { keep?: boolean } = {},
): Promise<PortfolioReconciliation> {
  const filters = {
    funderId: query.funderId,
    organisationId: query.organisationId,
    financialYear: query.financialYear,
  };
  const key = JSON.stringify([scope.organisationId, filters, toIsoDate(today)]);
  const computed = keep
    ? await currentPortfolio(prisma, key, filters, scope, today)
    : await computePortfolio(prisma, filters, scope, today);

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
/** Past this many changed programmes, recomputing the whole portfolio is as cheap. */
const PARTIAL_LIMIT = 1_000;
const cache = new Map<string, { snapshot: string; snapshotAt: number; keptAt: number; computed: Computed }>();
export const portfolioCacheCounts = { served: 0, updated: 0, computed: 0 };

/**
 * The kept portfolio brought up to date. Every write to what reconciliation reads notes its
 * transaction and the programmes it can change (ReconciliationChange). The kept portfolio is
 * served as it is while no such transaction has committed that its snapshot did not see; when
 * some have, just their programmes are recomputed and merged in; when a change can touch any
 * programme (a fund or an organisation), or there is none kept, it is computed whole. Exact,
 * never a timed guess: what is served always reflects a snapshot taken after the request came.
 */
async function currentPortfolio(
  prisma: PrismaClient,
  key: string,
  filters: Filters,
  scope: Scope,
  today: Date,
): Promise<Computed> {
  const arrivedAt = performance.now();
  const kept = keptFor(key);
  if (kept && !(await changesSince(prisma, kept.snapshot)).changed) {
    portfolioCacheCounts.served++;
    return kept.computed;
  }
  // One request per portfolio brings it up to date; the others wait, then check again (usually
  // finding it current), rather than all recomputing the same programmes at once.
  return oneAtATime(key, async () => {
    const latest = keptFor(key);
    if (latest && takenAfter(latest, arrivedAt)) {
      portfolioCacheCounts.served++;
      return latest.computed;
    }
    const snapshotAt = performance.now();
    if (!latest) {
      const snapshot = await currentSnapshot(prisma);
      portfolioCacheCounts.computed++;
      return keep(prisma, key, { snapshot, snapshotAt }, await computePortfolio(prisma, filters, scope, today));
    }
    const changes = await changesSince(prisma, latest.snapshot);
    if (!changes.changed) {
      portfolioCacheCounts.served++;
      return latest.computed;
    }
    if (changes.everything || changes.programmeIds.length > PARTIAL_LIMIT) {
      portfolioCacheCounts.computed++;
      return keep(
        prisma,
        key,
        { snapshot: changes.snapshot, snapshotAt },
        await computePortfolio(prisma, filters, scope, today),
      );
    }
    const changed = new Set(changes.programmeIds);
    const recomputed = await computePortfolio(prisma, filters, scope, today, changes.programmeIds);
    portfolioCacheCounts.updated++;
    return keep(
      prisma,
      key,
      { snapshot: changes.snapshot, snapshotAt },
      {
        ...recomputed,
        flags: mergeInOrder(
          latest.computed.flags.filter((flag) => !changed.has(flag.programme.id)),
          recomputed.flags,
        ),
      },
    );
  });
}

function keptFor(key: string) {
  const kept = cache.get(key);
  return kept && Date.now() - kept.keptAt <= CACHE_AGE_MS ? kept : undefined;
}

function keep(
  prisma: PrismaClient,
  key: string,
  taken: { snapshot: string; snapshotAt: number },
  computed: Computed,
): Computed {
  cache.delete(key);
  cache.set(key, { ...taken, keptAt: Date.now(), computed });
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  pruneChangeNotes(prisma);
  return computed;
}

// One collator for every comparison: `localeCompare` sets one up on each call, which cost
// tens of milliseconds a portfolio once there were thousands of flags.
const byName = new Intl.Collator().compare;

/** By name, then id (names are unique per council, not across councils). */
function compareProgrammes(a: { id: string; name: string }, b: { id: string; name: string }): number {
  return byName(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Most serious first, then by programme; a programme's own flags keep the rules' order. */
function compareFlags(a: PortfolioFlag, b: PortfolioFlag): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareProgrammes(a.programme, b.programme);
}

/** Two runs each in `compareFlags` order, merged into one (earlier run first among equals). */
function mergeInOrder(kept: PortfolioFlag[], recomputed: PortfolioFlag[]): PortfolioFlag[] {
  const merged: PortfolioFlag[] = new Array(kept.length + recomputed.length);
  let k = 0;
  let r = 0;
  for (let at = 0; at < merged.length; at++) {
    const next =
      r >= recomputed.length ||
      (k < kept.length && compareFlags(kept[k] as PortfolioFlag, recomputed[r] as PortfolioFlag) <= 0)
        ? kept[k++]
        : recomputed[r++];
    merged[at] = next as PortfolioFlag;
  }
  return merged;
}

/**
 * Each rule's candidates are found in SQL from the running totals (partial indexes hold just
 * the rows a flag is raised for), so the cost follows the number of problems, not the number
 * of spend rows; the same rules as a programme's own reconciliation then decide and word each
 * flag. `onlyProgrammes` limits the flags to those programmes; the money totals are always
 * the whole portfolio's.
 */
async function computePortfolio(
  prisma: PrismaClient,
  query: Filters,
  scope: Scope,
  today: Date,
  onlyProgrammes?: string[],
): Promise<Computed> {
  const todayIso = toIsoDate(today);
  const selecting = (programmeIds?: string[]) =>
    Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter({
      scope,
      organisationId: query.organisationId,
      funderId: query.funderId,
      financialYear: query.financialYear,
      orSpentInYear: true,
      programmeIds,
    })}`;
  const portfolio = selecting();
  const matching = onlyProgrammes ? selecting(onlyProgrammes) : portfolio;

  const [[money], candidates, commitmentProblems, costLines, costSharing, capital, outsideDates, bigPayments] =
    await Promise.all([
      portfolioMoney(prisma, portfolio, query),
      // Not fully funded, ending within the warning window, or ended with funding awarded (the
      // commitments of the last two are read below, for money at risk or left unspent).
      prisma.$queryRaw<{ id: string; endingOrEnded: boolean }[]>`
      SELECT programme.id::text AS id,
             (programme."endOn" <= ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int
              AND coalesce(total."committedPence", 0) > 0) AS "endingOrEnded"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})
        AND (programme."totalCostPence" > coalesce(total."committedPence", 0)
             OR (programme."endOn" <= ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int
                 AND coalesce(total."committedPence", 0) > 0))`,
      // Over-allocated or over-received commitments, each read through its partial index.
      prisma.$queryRaw<{ programmeId: string }[]>`
      SELECT commitment."programmeId"::text AS "programmeId"
      FROM "CommitmentTotal" total JOIN "FundingCommitment" commitment ON commitment.id = total."commitmentId"
      WHERE total."allocatedPence" > total."amountPence" AND commitment."retiredAt" IS NULL
        AND commitment."programmeId" IN (${matching})
      UNION
      SELECT commitment."programmeId"::text
      FROM "CommitmentTotal" total JOIN "FundingCommitment" commitment ON commitment.id = total."commitmentId"
      WHERE total."receivedPence" > total."amountPence" AND commitment."retiredAt" IS NULL
        AND commitment."programmeId" IN (${matching})`,
      costLineFigures(prisma, matching, { problemsOnly: true }),
      costSharingFigures(prisma, matching),
      capitalOutsideYear(prisma, matching),
      spendOutsideDates(prisma, matching),
      largePayments(prisma, matching),
    ]);

  // Every commitment of a programme near or past its end (money at risk or left unspent) or with one
  // over-allocated or over-received.
  const commitmentProgrammes = [
    ...new Set([
      ...candidates.filter((candidate) => candidate.endingOrEnded).map((candidate) => candidate.id),
      ...commitmentProblems.map((row) => row.programmeId),
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
      ...outsideDates.map((row) => row.programmeId),
      ...bigPayments.map((row) => row.programmeId),
    ]),
  ];
  const programmes = programmeIds.length
    ? await prisma.$queryRaw<
        {
          id: string;
          name: string;
          totalCostPence: bigint | null;
          committedPence: bigint;
          startOn: Date | null;
          endOn: Date | null;
        }[]
      >`
        SELECT programme.id::text AS id, programme.name, programme."totalCostPence", programme."startOn", programme."endOn",
               coalesce(total."committedPence", 0)::bigint AS "committedPence"
        FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
        WHERE programme.id = ANY(${programmeIds}::uuid[])`
    : [];

  const byProgramme = {
    outsideDates: new Map(outsideDates.map((row) => [row.programmeId, row])),
    bigPayments: groupBy(bigPayments),
    commitments: groupBy(commitments),
    costLines: groupBy(costLines),
    costSharing: groupBy(costSharing),
    capital: groupBy(
      query.financialYear ? capital.filter((row) => row.financialYear === query.financialYear) : capital,
    ),
  };

  // Programmes in order once; each flag then goes to its severity's run, already in order, so
  // thousands of flags are never sorted one against another.
  const runs: Record<keyof typeof SEVERITY_ORDER, PortfolioFlag[]> = { high: [], medium: [], low: [] };
  for (const programme of programmes.sort(compareProgrammes)) {
    const named = { id: programme.id, name: programme.name };
    const flags = reconciliationFlags({
      programmeId: programme.id,
      totalCostPence: programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence),
      committedPence: penceFromBigInt(programme.committedPence),
      startOn: toIsoDateOrNull(programme.startOn),
      endOn: toIsoDateOrNull(programme.endOn),
      today: todayIso,
      commitments: (byProgramme.commitments.get(programme.id) ?? []).map((commitment) => ({
        ...commitment,
        awarded: commitment.status === "awarded" || commitment.status === "received",
      })),
      costLines: byProgramme.costLines.get(programme.id) ?? [],
      costSharing: byProgramme.costSharing.get(programme.id) ?? [],
      capitalOutsideYear: byProgramme.capital.get(programme.id) ?? [],
      spendOutsideDates: byProgramme.outsideDates.get(programme.id) ?? null,
      largePayments: byProgramme.bigPayments.get(programme.id) ?? [],
    });
    for (const flag of flags) runs[flag.severity].push(Object.assign(flag, { programme: named }));
  }

  return {
    flags: [...runs.high, ...runs.medium, ...runs.low],
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

/**
 * What the findings are set against: the programmes' cost, awarded funding and spend, and the
 * shortfall. With a funder chosen, its own commitments and the spend attributed to them; with a
 * year, the spend within it.
 */
function portfolioMoney(prisma: PrismaClient, portfolio: Prisma.Sql, query: Filters) {
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : undefined;
  const share = query.funderId ? fundersShare(portfolio, query.funderId, year) : undefined;
  const spentInYear = Prisma.sql`(SELECT coalesce(sum(year."spentPence"), 0) FROM "CostLineYearTotal" year
    JOIN "CostLine" line ON line.id = year."costLineId"
    WHERE line."programmeId" = programme.id AND year."financialYear" = ${year ?? 0})`;
  const committed = share ? Prisma.sql`coalesce(funded.committed, 0)` : Prisma.sql`coalesce(total."committedPence", 0)`;
  const spent = share
    ? Prisma.sql`coalesce(funded.spent, 0)`
    : year === undefined
      ? Prisma.sql`coalesce(total."spentPence", 0)`
      : spentInYear;
  return prisma.$queryRaw<
    { programmes: bigint; totalCostPence: bigint; committedPence: bigint; spentPence: bigint; shortfallPence: bigint }[]
  >`
    ${share ? Prisma.sql`WITH ${share}` : Prisma.empty}
    SELECT count(*)::bigint AS programmes,
           coalesce(sum(programme."totalCostPence"), 0)::bigint AS "totalCostPence",
           coalesce(sum(${committed}), 0)::bigint AS "committedPence",
           coalesce(sum(${spent}), 0)::bigint AS "spentPence",
           coalesce(sum(greatest(programme."totalCostPence" - coalesce(total."committedPence", 0), 0)), 0)::bigint AS "shortfallPence"
    FROM "Programme" programme
    LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
    ${share ? Prisma.sql`LEFT JOIN funded ON funded."programmeId" = programme.id` : Prisma.empty}
    WHERE programme.id IN (${portfolio})`;
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
