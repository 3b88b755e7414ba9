import { Prisma, type PrismaClient } from "@fundline/db";
import {
  FLAG_SEVERITY,
  type Flag,
  parseFinancialYearLabel,
  penceFromBigInt,
  reconciliationFlags,
  toIsoDate,
  toIsoDateOrNull,
  UNSPENT_WARNING_DAYS,
} from "@fundline/domain";
import type { FlagCode, PortfolioReconciliation, PortfolioReconciliationQuery } from "@fundline/schemas";
import { readAsAt } from "../../lib/as-at.ts";
import { keptResults } from "../../lib/change-notes.ts";
import type { Scope } from "../../lib/scope.ts";
import {
  capitalOutsideYear,
  commitmentFigures,
  costLineFigures,
  costSharingFigures,
  type Db,
  fundersShare,
  largePayments,
  programmeFilter,
  spendOutsideDates,
} from "../programme-figures/index.ts";

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

type Filters = Pick<PortfolioReconciliationQuery, "funderId" | "organisationId" | "financialYear">;

/**
 * Every open flag across the programmes the caller can see, filtered and paged. The flags are
 * counted and paged in SQL from each programme's kept findings (ProgrammeFinding); only the
 * page's programmes are read in full and their flags worded, by the same rules as a programme's
 * own reconciliation. A page is kept while nothing it reads has changed (keptResults); `keep:
 * false` (FUNDLINE_PORTFOLIO_CACHE=off) works it out every time.
 */
export async function reconcilePortfolio(
  prisma: PrismaClient,
  query: PortfolioReconciliationQuery,
  scope: Scope,
  today = new Date(),
  { keep = true }: { keep?: boolean } = {},
): Promise<PortfolioReconciliation> {
  if (query.asAt) {
    // As at a past moment: each programme's findings counted again from the figures as they
    // stood (never kept), on the day that moment ends.
    return readAsAt(
      prisma,
      query.asAt,
      async (db, moment) => ({
        ...(await pageFrom(db, query, scope, new Date((moment as Date).getTime() - 1))),
        asAt: (moment as Date).toISOString(),
      }),
      { findings: true },
    );
  }
  const work = () =>
    prisma.$transaction((tx) => pageFrom(tx, query, scope, today), {
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    });
  if (!keep) return work();
  const key = JSON.stringify([scope.organisationId, query, toIsoDate(today)]);
  return keptPages(prisma, key, work);
}

// A page of 50 findings is tens of kilobytes, one of 500 (an export's) a few hundred: at most
// this many are kept, the least recently worked out going first, for up to 30 minutes.
const keptPages = keptResults<PortfolioReconciliation>({ entries: 50, maxAgeMs: 30 * 60_000 });
export const portfolioCacheCounts = keptPages.counts;

/** How many flags of each kind a programme has, read from its kept findings on `today`. */
function keptCount(code: FlagCode, todayIso: string, year: number | undefined): Prisma.Sql {
  switch (code) {
    case "PROGRAMME_NOT_FULLY_FUNDED":
      return Prisma.sql`kept."notFullyFunded"`;
    case "COMMITMENT_OVER_ALLOCATED":
      return Prisma.sql`kept."overAllocated"`;
    case "RECEIVED_MORE_THAN_COMMITTED":
      return Prisma.sql`kept."receivedMore"`;
    case "SPEND_WITHOUT_ALLOCATION":
      return Prisma.sql`kept."spendWithoutAllocation"`;
    case "LINE_OVERSPENT":
      return Prisma.sql`kept."lineOverspent"`;
    case "PARTNER_BEHIND_SHARE":
      return Prisma.sql`kept."partnersBehind"`;
    case "CAPITAL_SPENT_OUTSIDE_YEAR":
      // With a year chosen, only capital spent in that year (as the programme's rules are given).
      return year === undefined
        ? Prisma.sql`CASE WHEN kept."capitalOutsideYear" = '{}' THEN 0 ELSE (SELECT sum(commitments::int)
            FROM jsonb_each_text(kept."capitalOutsideYear") AS years(year, commitments)) END`
        : Prisma.sql`coalesce((kept."capitalOutsideYear" ->> ${String(year)})::int, 0)`;
    case "SPEND_OUTSIDE_PROGRAMME_DATES":
      return Prisma.sql`kept."spendOutsideDates"`;
    case "PAYMENT_LARGER_THAN_LINE":
      return Prisma.sql`kept."largePayments"`;
    case "COMMITTED_UNSPENT_AFTER_END":
      return Prisma.sql`CASE WHEN programme."endOn" < ${todayIso}::date THEN kept."unspentCommitments" ELSE 0 END`;
    case "COMMITTED_UNSPENT_NEAR_END":
      return Prisma.sql`CASE WHEN programme."endOn" BETWEEN ${todayIso}::date AND ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int
                        THEN kept."unspentCommitments" ELSE 0 END`;
  }
}

/** One programme's flags of one severity on the page: how many come before them, and how many of each kind it has. */
type Run = {
  id: string;
  name: string;
  severity: keyof typeof SEVERITY_ORDER;
  before: number;
  flags: number;
  kinds: Partial<Record<FlagCode, number>>;
};

/**
 * One page, read in one snapshot (a repeatable-read transaction, or the copies of a past
 * moment), so the counts, the page's runs and their worded flags agree. Order: most serious
 * first, then by programme name (a Unicode collation, not the database's), then id; a
 * programme's flags of one severity form one run, in the rules' order.
 */
async function pageFrom(
  db: Db,
  query: PortfolioReconciliationQuery,
  scope: Scope,
  today: Date,
): Promise<PortfolioReconciliation> {
  const todayIso = toIsoDate(today);
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : undefined;
  const matching = programmeFilter({
    scope,
    organisationId: query.organisationId,
    funderId: query.funderId,
    financialYear: query.financialYear,
    orSpentInYear: true,
  });
  const portfolio = Prisma.sql`SELECT programme.id FROM "Programme" programme ${matching}`;
  const kinds = (Object.keys(FLAG_SEVERITY) as FlagCode[]).filter(
    (code) => (!query.severity || FLAG_SEVERITY[code] === query.severity) && (!query.code || code === query.code),
  );
  const start = (query.page - 1) * query.pageSize;
  const end = start + query.pageSize;

  // Per programme, its money and a column per kind of finding; then per programme a run per
  // severity. With no kind chosen (a severity nothing has), only the money.
  const column = (code: FlagCode) => Prisma.raw(`"${code}"`);
  const severities = (Object.keys(SEVERITY_ORDER) as (keyof typeof SEVERITY_ORDER)[]).flatMap((severity) => {
    const ofSeverity = kinds.filter((code) => FLAG_SEVERITY[code] === severity);
    return ofSeverity.length ? [{ severity, columns: ofSeverity.map(column) }] : [];
  });
  const pairs = (value: (code: FlagCode) => Prisma.Sql) =>
    kinds.length ? Prisma.join(kinds.map((code) => Prisma.sql`${code}::text, ${value(code)}`)) : Prisma.empty;
  const money = moneyOf(portfolio, query);

  const statement = Prisma.sql`
        WITH ${money.ctes} counted AS MATERIALIZED (
          SELECT programme.id, programme.name, ${money.columns}
                 ${kinds.length ? Prisma.sql`, ${Prisma.join(kinds.map((code) => Prisma.sql`coalesce(${keptCount(code, todayIso, year)}, 0) AS ${column(code)}`))}` : Prisma.empty}
          FROM "Programme" programme LEFT JOIN "ProgrammeFinding" kept ON kept."programmeId" = programme.id
          ${money.joins}
          ${matching}
        ), run AS (
          ${
            severities.length
              ? Prisma.join(
                  severities.map(
                    ({ severity, columns }) =>
                      Prisma.sql`SELECT id, name, ${severity} AS severity, ${SEVERITY_ORDER[severity]}::int AS rank,
                                        (${Prisma.join(columns, " + ")})::int AS flags
                                 FROM counted`,
                  ),
                  " UNION ALL ",
                )
              : Prisma.sql`SELECT id, name, NULL AS severity, 0 AS rank, 0 AS flags FROM counted WHERE false`
          }
        ), placed AS (
          SELECT id, name, severity, rank, flags,
                 (sum(flags) OVER (ORDER BY rank, name COLLATE "und-x-icu", id ROWS UNBOUNDED PRECEDING) - flags)::int AS before
          FROM run WHERE flags > 0
        )
        SELECT
          (SELECT json_build_object(${pairs((code) => Prisma.sql`sum(${column(code)})::int`)}) FROM counted) AS "byCode",
          (SELECT count(*)::int FROM counted WHERE ${kinds.length ? Prisma.join(kinds.map(column), " + ") : Prisma.sql`0`} > 0)
            AS "programmesFlagged",
          (SELECT coalesce(json_agg(json_build_object('id', id, 'name', placed.name, 'severity', placed.severity,
                                                      'before', placed.before, 'flags', placed.flags,
                                                      'kinds', json_build_object(${pairs((code) => Prisma.sql`counted.${column(code)}`)}))
                                    ORDER BY placed.before), '[]')
           FROM placed JOIN counted USING (id) WHERE before < ${end}::bigint AND before + flags > ${start}::bigint) AS runs,
          (SELECT json_build_object('programmes', count(*)::text, 'totalCostPence', coalesce(sum(cost), 0)::text,
                                    'committedPence', coalesce(sum(committed), 0)::text,
                                    'spentPence', coalesce(sum(spent), 0)::text,
                                    'shortfallPence', coalesce(sum(greatest(cost - awarded, 0)), 0)::text)
           FROM counted) AS money`;

  const [counted] =
    await db.$queryRaw<
      {
        byCode: Record<FlagCode, number>;
        programmesFlagged: number;
        runs: Run[];
        money: Record<"programmes" | "totalCostPence" | "committedPence" | "spentPence" | "shortfallPence", string>;
      }[]
    >(statement);
  const byCode = new Map(
    Object.entries(counted?.byCode ?? {}).map(([code, count]) => [code as FlagCode, Number(count)]),
  );
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const [code, count] of byCode) bySeverity[FLAG_SEVERITY[code]] += count;
  const total = bySeverity.high + bySeverity.medium + bySeverity.low;
  const runs = counted?.runs ?? [];
  const worded = await flagsOf(db, runs, todayIso, query.financialYear);
  const flags = runs.flatMap((run) =>
    (worded.get(run.id) ?? [])
      // Only the kinds the run counted: figures left unread (a spend not needed) raise nothing.
      .filter((flag) => flag.severity === run.severity && run.kinds[flag.code as FlagCode])
      .slice(Math.max(0, start - run.before), end - run.before)
      .map((flag) => Object.assign(flag, { programme: { id: run.id, name: run.name } })),
  );
  return {
    flags,
    total,
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      programmes: Number(counted?.money.programmes ?? 0),
      programmesFlagged: counted?.programmesFlagged ?? 0,
      flags: total,
      bySeverity,
      byCode: (Object.keys(FLAG_SEVERITY) as FlagCode[]).flatMap((code) => {
        const count = byCode.get(code) ?? 0;
        return count ? [{ code, severity: FLAG_SEVERITY[code], count }] : [];
      }),
      totalCostPence: penceFromBigInt(BigInt(counted?.money.totalCostPence ?? 0)),
      committedPence: penceFromBigInt(BigInt(counted?.money.committedPence ?? 0)),
      spentPence: penceFromBigInt(BigInt(counted?.money.spentPence ?? 0)),
      shortfallPence: penceFromBigInt(BigInt(counted?.money.shortfallPence ?? 0)),
    },
  };
}

/** The figures each kind of finding is worded from (besides the programme's own). */
const FIGURES_OF: Record<FlagCode, Figures> = {
  PROGRAMME_NOT_FULLY_FUNDED: "programme",
  COMMITMENT_OVER_ALLOCATED: "commitments",
  RECEIVED_MORE_THAN_COMMITTED: "commitments",
  COMMITTED_UNSPENT_AFTER_END: "commitmentSpend",
  COMMITTED_UNSPENT_NEAR_END: "commitmentSpend",
  SPEND_WITHOUT_ALLOCATION: "costLines",
  LINE_OVERSPENT: "costLines",
  PARTNER_BEHIND_SHARE: "costSharing",
  CAPITAL_SPENT_OUTSIDE_YEAR: "capital",
  SPEND_OUTSIDE_PROGRAMME_DATES: "outsideDates",
  PAYMENT_LARGER_THAN_LINE: "largePayments",
};
type Figures =
  | "programme"
  | "commitments"
  | "commitmentSpend"
  | "costLines"
  | "costSharing"
  | "capital"
  | "outsideDates"
  | "largePayments";

/**
 * The flags of a page's programmes, worded by the rules of a programme's own reconciliation.
 * Only the figures the page's kinds of finding need are read, for only the programmes that have
 * them (the rest are left empty, so those rules raise nothing; unread spend is filtered out).
 */
async function flagsOf(
  db: Db,
  runs: Run[],
  todayIso: string,
  financialYear: string | undefined,
): Promise<Map<string, Flag[]>> {
  if (!runs.length) return new Map();
  const programmeIds = [...new Set(runs.map((run) => run.id))];
  const kindsOf = (run: Run) =>
    (Object.keys(run.kinds) as FlagCode[]).filter((code) => run.kinds[code] && FLAG_SEVERITY[code] === run.severity);
  const needing = (figures: Figures) =>
    new Set(runs.flatMap((run) => (kindsOf(run).some((code) => FIGURES_OF[code] === figures) ? [run.id] : [])));
  const read = <Row>(ids: Set<string>, query: (programmes: Prisma.Sql) => Promise<Row[]>) =>
    ids.size ? query(Prisma.sql`SELECT unnest(${[...ids]}::uuid[])`) : Promise.resolve([]);
  // A commitment's spend (its attributed share of unnamed spend) is the dear part: read only
  // where money unspent is to be worded.
  const withSpend = needing("commitmentSpend");
  const withoutSpend = new Set([...needing("commitments")].filter((id) => !withSpend.has(id)));
  const [rows, commitments, costLines, costSharing, capital, outsideDates, bigPayments] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        totalCostPence: bigint | null;
        committedPence: bigint;
        startOn: Date | null;
        endOn: Date | null;
      }[]
    >`
      SELECT programme.id::text AS id, programme."totalCostPence", programme."startOn", programme."endOn",
             coalesce(total."committedPence", 0)::bigint AS "committedPence"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id = ANY(${programmeIds}::uuid[])`,
    Promise.all([
      read(withSpend, (programmes) => commitmentFigures(db, programmes)),
      read(withoutSpend, (programmes) => commitmentFigures(db, programmes, { withSpend: false })),
    ]).then((both) => both.flat()),
    read(needing("costLines"), (programmes) => costLineFigures(db, programmes, { problemsOnly: true })),
    read(needing("costSharing"), (programmes) => costSharingFigures(db, programmes)),
    read(needing("capital"), (programmes) => capitalOutsideYear(db, programmes)),
    read(needing("outsideDates"), (programmes) => spendOutsideDates(db, programmes)),
    read(needing("largePayments"), (programmes) => largePayments(db, programmes)),
  ]);
  const byProgramme = {
    outsideDates: new Map(outsideDates.map((row) => [row.programmeId, row])),
    bigPayments: groupBy(bigPayments),
    commitments: groupBy(commitments),
    costLines: groupBy(costLines),
    costSharing: groupBy(costSharing),
    capital: groupBy(financialYear ? capital.filter((row) => row.financialYear === financialYear) : capital),
  };
  return new Map(
    rows.map((programme) => [
      programme.id,
      reconciliationFlags({
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
      }),
    ]),
  );
}

/**
 * What the findings are set against: per programme its cost, awarded funding (`awarded`, for
 * the shortfall) and spend. With a funder chosen, its own commitments and the spend attributed
 * to them; with a year, the spend within it. Parts of the page's one statement: CTEs to go
 * first, joins onto the programme, and the columns.
 */
function moneyOf(portfolio: Prisma.Sql, query: Filters) {
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
  return {
    ctes: share ? Prisma.sql`${share},` : Prisma.empty,
    joins: Prisma.sql`LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      ${share ? Prisma.sql`LEFT JOIN funded ON funded."programmeId" = programme.id` : Prisma.empty}`,
    columns: Prisma.sql`programme."totalCostPence" AS cost, ${committed} AS committed, ${spent} AS spent,
      coalesce(total."committedPence", 0) AS awarded`,
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
