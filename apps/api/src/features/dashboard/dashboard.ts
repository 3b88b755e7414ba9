// Where the money and the delivery stand across the programmes a user can see, with the
// dashboard's filters. Every figure is added up by PostgreSQL, from the running totals for money.
import { Prisma, type PrismaClient } from "@fundline/db";
import {
  parseFinancialYearLabel,
  penceFromBigInt,
  todayInTheUk,
  toIsoDate,
  toIsoDateOrNull,
  ukDayOf,
} from "@fundline/domain";
import type { DashboardQuery, DashboardResponse } from "@fundline/schemas";
import { type FigureReader, readAsAt } from "../../lib/as-at.ts";
import { keptResults } from "../../lib/change-notes.ts";
import type { Scope } from "../../lib/scope.ts";
import { attributedSpend, fundersShare, profiledAgainstSpent, programmeFilter } from "../programme-figures/index.ts";

const LIST_LENGTH = 20;
const PROGRAMMES_SHOWN = 50;
const BENEFITS_SHOWN = 50;
const DUE_WITHIN_DAYS = 30;

// A milestone is due on its forecast date when it has one, else on its baseline.
const DUE = Prisma.sql`coalesce(milestone."forecastOn", milestone."baselineOn")`;
const OUTSTANDING = Prisma.sql`milestone.status NOT IN ('met', 'cancelled')`;

/** The states the dashboard counts a milestone in, as of `today` (overdue means due before it). */
function milestoneStates(today: Prisma.Sql) {
  return {
    overdue: Prisma.sql`${OUTSTANDING} AND ${DUE} < ${today}`,
    atRisk: Prisma.sql`${OUTSTANDING} AND ${DUE} >= ${today} AND milestone.status IN ('at_risk', 'delayed')`,
    onTrack: Prisma.sql`${OUTSTANDING} AND ${DUE} >= ${today} AND milestone.status IN ('on_track', 'not_started')`,
    complete: Prisma.sql`milestone.status = 'met'`,
    dueSoon: Prisma.sql`${OUTSTANDING} AND ${DUE} >= ${today} AND ${DUE} <= ${today} + ${DUE_WITHIN_DAYS}::int`,
  };
}

// A dashboard of 5,000 programmes is a few kilobytes; each user's council and filters is one.
const keptDashboards = keptResults<DashboardResponse>({ entries: 500, maxAgeMs: 30 * 60_000 });

/**
 * The dashboard for a scope and its filters, kept and served while no write it could reflect has
 * committed (change notes cover the money, the programmes and their delivery records), and
 * worked out again on the first request after one. Its day is part of what is kept: overdue
 * milestones change at midnight, UK time.
 */
export function dashboard(prisma: PrismaClient, query: DashboardQuery, scope: Scope): Promise<DashboardResponse> {
  // One day for the key and every query, so a result worked out either side of midnight is
  // kept under the day it was worked out for.
  // As at a past moment: worked out from the rows as they were then (never kept: it is asked
  // for rarely, and a committee's printout is one request).
  if (query.asAt) {
    return readAsAt(
      prisma,
      query.asAt,
      async (db, moment) => ({
        ...(await workOutDashboard(db, query, scope, ukDayOf(moment as Date))),
        asAt: (moment as Date).toISOString(),
      }),
      { programmeId: query.programmeId },
    );
  }
  const todayIso = todayInTheUk();
  const key = JSON.stringify([scope.organisationId, query, todayIso]);
  return keptDashboards(prisma, key, () => workOutDashboard(prisma, query, scope, todayIso));
}

async function workOutDashboard(
  prisma: FigureReader,
  query: DashboardQuery,
  scope: Scope,
  todayIso: string,
): Promise<DashboardResponse> {
  const today = Prisma.sql`${todayIso}::date`;
  const state = milestoneStates(today);
  const matching = Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter({
    ...query,
    orSpentInYear: true,
    scope,
  })}`;
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : undefined;
  const [
    [money],
    [milestones],
    overdue,
    dueSoon,
    [deliverables],
    programmes,
    benefits,
    byFunder,
    byYear,
    monthly,
    forecast,
  ] = await Promise.all([
    query.funderId
      ? funderMoney(prisma, matching, today, query.funderId, year)
      : portfolioMoney(prisma, matching, today, year),
    prisma.$queryRaw<
      Record<"total" | "overdue" | "onTrack" | "atRisk" | "complete" | "cancelled" | "dueSoon", number>[]
    >`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE ${state.overdue})::int AS overdue,
             count(*) FILTER (WHERE ${state.onTrack})::int AS "onTrack",
             count(*) FILTER (WHERE ${state.atRisk})::int AS "atRisk",
             count(*) FILTER (WHERE ${state.complete})::int AS complete,
             count(*) FILTER (WHERE milestone.status = 'cancelled')::int AS cancelled,
             count(*) FILTER (WHERE ${state.dueSoon})::int AS "dueSoon"
      FROM "Milestone" milestone
      WHERE milestone."programmeId" IN (${matching}) AND milestone."retiredAt" IS NULL`,
    dueMilestones(prisma, matching, state.overdue),
    dueMilestones(prisma, matching, state.dueSoon),
    prisma.$queryRaw<{ count: number; achieved: bigint; target: bigint }[]>`
      SELECT count(*)::int AS count, coalesce(sum("achievedCount"), 0)::bigint AS achieved,
             coalesce(sum("targetCount"), 0)::bigint AS target
      FROM "DeliverableTarget" WHERE "programmeId" IN (${matching}) AND "retiredAt" IS NULL`,
    programmeDelivery(prisma, matching, state),
    benefitsAtAGlance(prisma, matching),
    moneyByFunder(prisma, matching, query.funderId, year),
    profiledAgainstSpent(prisma, matching, { funderId: query.funderId, year }),
    query.funderId ? Promise.resolve(null) : spendByMonth(prisma, matching, year),
    query.funderId || year !== undefined ? Promise.resolve(null) : forecastOutturn(prisma, matching, today),
  ]);
  return {
    today: todayIso,
    headline: {
      programmes: Number(money?.programmes ?? 0),
      committedPence: penceFromBigInt(money?.committedPence ?? 0n),
      receivedPence: penceFromBigInt(money?.receivedPence ?? 0n),
      allocatedPence: penceFromBigInt(money?.allocatedPence ?? 0n),
      spentPence: penceFromBigInt(money?.spentPence ?? 0n),
      fundingGapPence: penceFromBigInt(money?.fundingGapPence ?? 0n),
      endedProgrammes: Number(money?.endedProgrammes ?? 0),
      unspentOnEndedPence: penceFromBigInt(money?.unspentOnEndedPence ?? 0n),
    },
    milestones: {
      total: milestones?.total ?? 0,
      overdue: milestones?.overdue ?? 0,
      onTrack: milestones?.onTrack ?? 0,
      atRisk: milestones?.atRisk ?? 0,
      complete: milestones?.complete ?? 0,
      cancelled: milestones?.cancelled ?? 0,
      dueInNext30Days: milestones?.dueSoon ?? 0,
    },
    overdue,
    dueSoon,
    deliverables: {
      count: deliverables?.count ?? 0,
      achieved: Number(deliverables?.achieved ?? 0n),
      target: Number(deliverables?.target ?? 0n),
    },
    programmes,
    byFunder,
    byYear,
    // A funder's share is attributed within each year, not month: its line is drawn by year.
    spendOverTime: monthly
      ? { period: "month", points: monthly }
      : {
          period: "financialYear",
          points: cumulative(byYear.map((row) => ({ period: row.financialYear, spentPence: row.spentPence }))),
        },
    forecast,
    benefits,
  };
}

function cumulative(points: { period: string; spentPence: number }[]) {
  let running = 0;
  return points.map((point) => {
    running += point.spentPence;
    return { ...point, cumulativePence: running };
  });
}

/** Spend in each month, and the running sum, from the programmes' monthly running totals. */
async function spendByMonth(prisma: FigureReader, matching: Prisma.Sql, year: number | undefined) {
  const within =
    year === undefined
      ? Prisma.empty
      : Prisma.sql`AND month BETWEEN ${`${year}-04-01`}::date AND ${`${year + 1}-03-01`}::date`;
  const rows = await prisma.$queryRaw<{ month: Date; spent: bigint; cumulative: bigint }[]>`
    SELECT month, sum("spentPence")::bigint AS spent,
           sum(sum("spentPence")) OVER (ORDER BY month)::bigint AS cumulative
    FROM "ProgrammeMonthTotal"
    WHERE "programmeId" IN (${matching}) ${within}
    GROUP BY month
    -- A month whose payments were all retired (or net to nothing) is no month of spend.
    HAVING sum("spentPence") <> 0
    ORDER BY month`;
  return rows.map((row) => ({
    period: toIsoDate(row.month).slice(0, 7),
    spentPence: penceFromBigInt(row.spent),
    cumulativePence: penceFromBigInt(row.cumulative),
  }));
}

const FORECAST_THRESHOLD_PERCENT = 10;
const FORECAST_MONTHS = 6;
const FORECAST_LISTED = 20;

/**
 * Each running programme's spend so far plus its average monthly spend over the last six
 * complete months, carried on to its end date (ended or undated programmes: their spend so far);
 * those projected to spend more or less than their commitment by more than the threshold listed.
 */
async function forecastOutturn(prisma: FigureReader, matching: Prisma.Sql, today: Prisma.Sql) {
  const rows = await prisma.$queryRaw<
    {
      id: string | null;
      name: string | null;
      endOn: Date | null;
      committed: bigint | null;
      spent: bigint | null;
      projected: bigint | null;
      outturn: bigint;
      lastEndOn: Date | null;
      overspending: number;
      underspending: number;
    }[]
  >`
    WITH burn AS (
      SELECT "programmeId", sum("spentPence")::numeric / ${FORECAST_MONTHS} AS per_month
      FROM "ProgrammeMonthTotal"
      WHERE "programmeId" IN (${matching})
        AND month >= date_trunc('month', ${today})::date - make_interval(months => ${FORECAST_MONTHS})
        AND month < date_trunc('month', ${today})::date
      GROUP BY 1
    ), projected AS (
      SELECT programme.id, programme.name, programme."endOn",
             coalesce(total."committedPence", 0) AS committed, coalesce(total."spentPence", 0) AS spent,
             CASE WHEN programme."endOn" > ${today}
                  THEN coalesce(total."spentPence", 0) + round(coalesce(burn.per_month, 0) * (programme."endOn" - ${today}) / 30.4375)
                  ELSE coalesce(total."spentPence", 0) END::bigint AS projected
      FROM "Programme" programme
      LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      LEFT JOIN burn ON burn."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    ), off_course AS (
      SELECT *, projected - committed AS variance FROM projected
      WHERE "endOn" > ${today} AND committed > 0
        AND abs(projected - committed) * 100 > committed * ${FORECAST_THRESHOLD_PERCENT}
    ), listed AS (
      SELECT * FROM off_course ORDER BY abs(variance) DESC, name, id LIMIT ${FORECAST_LISTED}
    ), summary AS (
      SELECT coalesce(sum(projected), 0)::bigint AS outturn,
             max("endOn") FILTER (WHERE "endOn" > ${today}) AS "lastEndOn",
             (SELECT count(*) FROM off_course WHERE variance > 0)::int AS overspending,
             (SELECT count(*) FROM off_course WHERE variance < 0)::int AS underspending
      FROM projected
    )
    SELECT listed.id::text AS id, listed.name, listed."endOn", listed.committed, listed.spent, listed.projected,
           summary.outturn, summary."lastEndOn", summary.overspending, summary.underspending
    FROM summary LEFT JOIN listed ON TRUE
    ORDER BY abs(listed.variance) DESC NULLS LAST, listed.name, listed.id`;
  const [first] = rows;
  if (!first) return null;
  return {
    outturnPence: penceFromBigInt(first.outturn),
    lastEndOn: toIsoDateOrNull(first.lastEndOn),
    thresholdPercent: FORECAST_THRESHOLD_PERCENT,
    overspending: first.overspending,
    underspending: first.underspending,
    programmes: rows.flatMap((row) =>
      row.id && row.name && row.endOn
        ? [
            {
              id: row.id,
              name: row.name,
              endOn: toIsoDate(row.endOn),
              committedPence: penceFromBigInt(row.committed ?? 0n),
              spentPence: penceFromBigInt(row.spent ?? 0n),
              projectedPence: penceFromBigInt(row.projected ?? 0n),
            },
          ]
        : [],
    ),
  };
}

type MoneyRow = {
  programmes: bigint;
  committedPence: bigint;
  receivedPence: bigint;
  allocatedPence: bigint;
  spentPence: bigint;
  fundingGapPence: bigint;
  endedProgrammes: bigint;
  unspentOnEndedPence: bigint;
};

/** Each matching programme's figures from its running totals; spend within the year when one is chosen. */
async function portfolioMoney(prisma: FigureReader, matching: Prisma.Sql, today: Prisma.Sql, year: number | undefined) {
  const spent =
    year === undefined
      ? Prisma.sql`coalesce(total."spentPence", 0)`
      : Prisma.sql`coalesce((SELECT year_spend.pence FROM year_spend WHERE year_spend."programmeId" = programme.id), 0)`;
  const yearSpend =
    year === undefined
      ? Prisma.empty
      : Prisma.sql`year_spend AS (
          SELECT line."programmeId", sum(year."spentPence") AS pence
          FROM "CostLineYearTotal" year JOIN "CostLine" line ON line.id = year."costLineId"
          WHERE year."financialYear" = ${year} AND line."programmeId" IN (${matching})
          GROUP BY 1
        ),`;
  return prisma.$queryRaw<MoneyRow[]>`
    WITH ${yearSpend} figures AS (
      SELECT programme.id, programme."endOn" < ${today} AS ended,
             greatest(coalesce(programme."totalCostPence", 0) - coalesce(total."committedPence", 0), 0) AS gap,
             coalesce(total."committedPence", 0) AS committed, coalesce(total."allocatedPence", 0) AS allocated,
             ${spent} AS spent, coalesce(total."spentPence", 0) AS "spentToDate"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    ), received AS (
      SELECT coalesce(sum(commitment_total."receivedPence"), 0) AS pence
      FROM "FundingCommitment" commitment
      JOIN "CommitmentTotal" commitment_total ON commitment_total."commitmentId" = commitment.id
      WHERE commitment."programmeId" IN (${matching}) AND commitment."retiredAt" IS NULL
    )
    SELECT count(*)::bigint AS programmes, coalesce(sum(committed), 0)::bigint AS "committedPence",
           (SELECT pence FROM received)::bigint AS "receivedPence", coalesce(sum(allocated), 0)::bigint AS "allocatedPence",
           coalesce(sum(spent), 0)::bigint AS "spentPence", coalesce(sum(gap), 0)::bigint AS "fundingGapPence",
           count(*) FILTER (WHERE ended)::bigint AS "endedProgrammes",
           coalesce(sum(greatest(committed - "spentToDate", 0)) FILTER (WHERE ended), 0)::bigint AS "unspentOnEndedPence"
    FROM figures`;
}

/**
 * One funder's share: its live commitments on the matching programmes, what they received and
 * were allocated, and the spend attributed to them (named, or shared pro rata on their lines).
 */
async function funderMoney(
  prisma: FigureReader,
  matching: Prisma.Sql,
  today: Prisma.Sql,
  funderId: string,
  year: number | undefined,
) {
  return prisma.$queryRaw<MoneyRow[]>`
    WITH ${fundersShare(matching, funderId, year)}, figures AS (
      SELECT programme.id, programme."endOn" < ${today} AS ended,
             greatest(coalesce(programme."totalCostPence", 0) - coalesce(total."committedPence", 0), 0) AS gap,
             coalesce(funded.committed, 0) AS committed, coalesce(funded.received, 0) AS received,
             coalesce(funded.allocated, 0) AS allocated, coalesce(funded.spent, 0) AS spent
      FROM "Programme" programme
      LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      LEFT JOIN funded ON funded."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    )
    SELECT count(*)::bigint AS programmes, coalesce(sum(committed), 0)::bigint AS "committedPence",
           coalesce(sum(received), 0)::bigint AS "receivedPence", coalesce(sum(allocated), 0)::bigint AS "allocatedPence",
           coalesce(sum(spent), 0)::bigint AS "spentPence", coalesce(sum(gap), 0)::bigint AS "fundingGapPence",
           count(*) FILTER (WHERE ended)::bigint AS "endedProgrammes",
           coalesce(sum(greatest(committed - spent, 0)) FILTER (WHERE ended), 0)::bigint AS "unspentOnEndedPence"
    FROM figures`;
}

const FUNDERS_SHOWN = 50;

/** Each funder's share of the matching programmes' money (just the one funder, when one is chosen). */
async function moneyByFunder(
  prisma: FigureReader,
  matching: Prisma.Sql,
  funderId: string | undefined,
  year: number | undefined,
) {
  const rows = await prisma.$queryRaw<
    { id: string; name: string; committed: bigint; received: bigint; allocated: bigint; spent: bigint }[]
  >`
    WITH ${attributedSpend(matching, year)}
    SELECT funder.id::text AS id, funder.name,
           coalesce(sum(commitment."amountPence") FILTER (WHERE commitment.status IN ('awarded', 'received')), 0)::bigint AS committed,
           coalesce(sum(commitment.received), 0)::bigint AS received,
           coalesce(sum(commitment.allocated), 0)::bigint AS allocated,
           coalesce(sum(commitment.named + coalesce(attributed.pence, 0)), 0)::bigint AS spent
    FROM commitment
    JOIN "Fund" fund ON fund.id = commitment."fundId"
    JOIN "Organisation" funder ON funder.id = fund."funderId"
    LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
    ${funderId ? Prisma.sql`WHERE fund."funderId" = ${funderId}::uuid` : Prisma.empty}
    GROUP BY funder.id, funder.name
    ORDER BY committed DESC, funder.name, funder.id
    LIMIT ${FUNDERS_SHOWN}`;
  return rows.map((row) => ({
    funder: { id: row.id, name: row.name },
    committedPence: penceFromBigInt(row.committed),
    receivedPence: penceFromBigInt(row.received),
    allocatedPence: penceFromBigInt(row.allocated),
    spentPence: penceFromBigInt(row.spent),
  }));
}

async function dueMilestones(prisma: FigureReader, matching: Prisma.Sql, when: Prisma.Sql) {
  const rows = await prisma.$queryRaw<
    { id: string; description: string; programmeId: string; programmeName: string; status: string; dueOn: Date }[]
  >`
    SELECT milestone.id::text AS id, milestone.description, programme.id::text AS "programmeId",
           programme.name AS "programmeName", milestone.status::text AS status, ${DUE} AS "dueOn"
    FROM "Milestone" milestone JOIN "Programme" programme ON programme.id = milestone."programmeId"
    WHERE milestone."programmeId" IN (${matching}) AND milestone."retiredAt" IS NULL AND ${OUTSTANDING} AND ${when}
    ORDER BY ${DUE}, milestone.id
    LIMIT ${LIST_LENGTH}`;
  return rows.map((row) => ({
    id: row.id,
    description: row.description,
    programme: { id: row.programmeId, name: row.programmeName },
    status: row.status as DashboardResponse["overdue"][number]["status"],
    dueOn: toIsoDate(row.dueOn),
  }));
}

async function programmeDelivery(
  prisma: FigureReader,
  matching: Prisma.Sql,
  state: ReturnType<typeof milestoneStates>,
) {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      name: string;
      overdue: number;
      atRisk: number;
      onTrack: number;
      complete: number;
      deliverablesAchieved: bigint;
      deliverablesTarget: bigint;
    }[]
  >`
    WITH milestones AS (
      SELECT milestone."programmeId",
             count(*) FILTER (WHERE ${state.overdue}) AS overdue,
             count(*) FILTER (WHERE ${state.atRisk}) AS "atRisk",
             count(*) FILTER (WHERE ${state.onTrack}) AS "onTrack",
             count(*) FILTER (WHERE ${state.complete}) AS complete
      FROM "Milestone" milestone
      WHERE milestone."programmeId" IN (${matching}) AND milestone."retiredAt" IS NULL
      GROUP BY 1
    ), deliverables AS (
      SELECT "programmeId", sum("achievedCount") AS achieved, sum("targetCount") AS target
      FROM "DeliverableTarget" WHERE "programmeId" IN (${matching}) AND "retiredAt" IS NULL
      GROUP BY 1
    )
    SELECT programme.id::text AS id, programme.name,
           coalesce(milestones.overdue, 0)::int AS overdue, coalesce(milestones."atRisk", 0)::int AS "atRisk",
           coalesce(milestones."onTrack", 0)::int AS "onTrack", coalesce(milestones.complete, 0)::int AS complete,
           coalesce(deliverables.achieved, 0)::bigint AS "deliverablesAchieved",
           coalesce(deliverables.target, 0)::bigint AS "deliverablesTarget"
    FROM "Programme" programme
    LEFT JOIN milestones ON milestones."programmeId" = programme.id
    LEFT JOIN deliverables ON deliverables."programmeId" = programme.id
    WHERE programme.id IN (${matching})
    ORDER BY overdue DESC, "atRisk" DESC, programme.name, programme.id
    LIMIT ${PROGRAMMES_SHOWN}`;
  return rows.map((row) => ({
    ...row,
    deliverablesAchieved: Number(row.deliverablesAchieved),
    deliverablesTarget: Number(row.deliverablesTarget),
  }));
}

async function benefitsAtAGlance(prisma: FigureReader, matching: Prisma.Sql) {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      name: string;
      programmeId: string;
      programmeName: string;
      unit: string;
      direction: DashboardResponse["benefits"][number]["direction"];
      baselineValue: string | null;
      targetValue: string | null;
      targetText: string | null;
      expectedBy: Date | null;
      readOn: Date | null;
      value: string | null;
      awaitingApproval: number;
    }[]
  >`
    WITH shown AS (
      SELECT benefit.* FROM "Benefit" benefit
      WHERE benefit."programmeId" IN (${matching}) AND benefit."retiredAt" IS NULL
      ORDER BY benefit."expectedBy" NULLS LAST, benefit.name, benefit.id
      LIMIT ${BENEFITS_SHOWN}
    )
    SELECT benefit.id::text AS id, benefit.name, programme.id::text AS "programmeId", programme.name AS "programmeName",
           benefit.unit, benefit.direction::text AS direction, benefit."baselineValue"::text AS "baselineValue",
           benefit."targetValue"::text AS "targetValue", benefit."targetText", benefit."expectedBy",
           latest."readOn", latest.value::text AS value,
           (SELECT count(*)::int FROM "BenefitReading" waiting
            WHERE waiting."benefitId" = benefit.id AND waiting.status = 'submitted') AS "awaitingApproval"
    FROM shown benefit
    JOIN "Programme" programme ON programme.id = benefit."programmeId"
    LEFT JOIN LATERAL (
      SELECT reading."readOn", reading.value FROM "BenefitReading" reading
      WHERE reading."benefitId" = benefit.id AND reading.status = 'approved'
      ORDER BY reading."readOn" DESC, reading.id DESC LIMIT 1
    ) latest ON TRUE
    ORDER BY benefit."expectedBy" NULLS LAST, benefit.name, benefit.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    programme: { id: row.programmeId, name: row.programmeName },
    unit: row.unit,
    direction: row.direction,
    baselineValue: decimal(row.baselineValue),
    targetValue: decimal(row.targetValue),
    targetText: row.targetText,
    expectedBy: toIsoDateOrNull(row.expectedBy),
    latestReading:
      row.readOn && row.value !== null ? { readOn: toIsoDate(row.readOn), value: decimal(row.value) ?? "" } : null,
    readingsAwaitingApproval: row.awaitingApproval,
  }));
}

/** `71.5000` → `71.5`: a measurement as it was written, without the column's padding. */
function decimal(value: string | null): string | null {
  if (value === null) return null;
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
