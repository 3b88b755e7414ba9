// The dashboard's figures, added up by PostgreSQL within each slice of the programmes (a
// programme's slice is the last byte of its id, modulo SLICES). A write changes the slices of
// the programmes its change note names, so a kept dashboard works out just those again, each a
// 128th of the portfolio, and adds its slices together (combine.ts). Lists come back as each
// slice's first few in order, enough for the first few overall. Names are ordered COLLATE "C"
// (by code point) here, so combining them in TypeScript orders them the same way.
import { Prisma } from "@fundline/db";
import { parseFinancialYearLabel } from "@fundline/domain";
import type { DashboardQuery } from "@fundline/schemas";
import type { FigureReader } from "../../lib/as-at.ts";
import type { Scope } from "../../lib/scope.ts";
import {
  attributedSpend,
  fundersShare,
  profiledAgainstSpentBySlice,
  programmeFilter,
  type YearSlice,
} from "../programme-figures/index.ts";

// 64 made each slice's working-out after a write longer, 256 the first one (docs/performance.md).
export const SLICES = 128;
export const LIST_LENGTH = 20;
export const PROGRAMMES_SHOWN = 50;
export const BENEFITS_SHOWN = 50;
export const FUNDERS_SHOWN = 50;
export const FORECAST_LISTED = 20;
export const FORECAST_THRESHOLD_PERCENT = 10;
const FORECAST_MONTHS = 6;
const DUE_WITHIN_DAYS = 30;

/** The slice a programme is in: the same rule as `sliceSql`. */
export const sliceOf = (programmeId: string) => Number.parseInt(programmeId.slice(-2), 16) % SLICES;

/** How the programmes are sliced: in SLICES by id, or `whole` (one slice, numbered 0). */
export type Slicing = { whole: true } | { whole: false; only?: number[] };

function sliceSql(slicing: Slicing) {
  return (programmeId: Prisma.Sql) =>
    slicing.whole
      ? Prisma.sql`0`
      : Prisma.sql`(get_byte(uuid_send(${programmeId}), 15) % ${Prisma.raw(String(SLICES))})`;
}

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

type Sliced = { slice: number };
export type MoneySlice = Sliced & {
  programmes: bigint;
  committedPence: bigint;
  receivedPence: bigint;
  allocatedPence: bigint;
  spentPence: bigint;
  fundingGapPence: bigint;
  endedProgrammes: bigint;
  unspentOnEndedPence: bigint;
};
export type MilestoneSlice = Sliced &
  Record<"total" | "overdue" | "onTrack" | "atRisk" | "complete" | "cancelled" | "dueSoon", number>;
export type DueMilestoneRow = Sliced & {
  id: string;
  description: string;
  programmeId: string;
  programmeName: string;
  status: string;
  dueOn: Date;
};
export type DeliverableSlice = Sliced & { count: number; achieved: bigint; target: bigint };
export type ProgrammeDeliveryRow = Sliced & {
  id: string;
  name: string;
  overdue: number;
  atRisk: number;
  onTrack: number;
  complete: number;
  deliverablesAchieved: bigint;
  deliverablesTarget: bigint;
};
export type BenefitRow = Sliced & {
  id: string;
  name: string;
  programmeId: string;
  programmeName: string;
  unit: string;
  direction: "increase" | "decrease" | "achieve";
  baselineValue: string | null;
  targetValue: string | null;
  targetText: string | null;
  expectedBy: Date | null;
  readOn: Date | null;
  value: string | null;
  awaitingApproval: number;
};
export type FunderSlice = Sliced & {
  id: string;
  name: string;
  committed: bigint;
  received: bigint;
  allocated: bigint;
  spent: bigint;
};
export type MonthSlice = Sliced & { month: Date; spent: bigint };
/** A slice's forecast summary, with one of its programmes off course (or none: `id` null). */
export type ForecastRow = Sliced & {
  outturn: bigint;
  lastEndOn: Date | null;
  overspending: number;
  underspending: number;
  id: string | null;
  name: string | null;
  endOn: Date | null;
  committed: bigint | null;
  spent: bigint | null;
  projected: bigint | null;
};

/** Everything the dashboard shows, slice by slice: each a list of rows, each row naming its slice. */
export type DashboardSlices = {
  money: MoneySlice[];
  milestones: MilestoneSlice[];
  overdue: DueMilestoneRow[];
  dueSoon: DueMilestoneRow[];
  deliverables: DeliverableSlice[];
  programmes: ProgrammeDeliveryRow[];
  benefits: BenefitRow[];
  byFunder: FunderSlice[];
  byYear: YearSlice[];
  /** Null with a funder chosen: its share is attributed within each year, so drawn by year. */
  monthly: MonthSlice[] | null;
  /** Null with a funder or a year chosen. */
  forecast: ForecastRow[] | null;
};

/** The dashboard's figures for the slices `slicing` names (every one, when it names none). */
export async function workOutSlices(
  db: FigureReader,
  query: DashboardQuery,
  scope: Scope,
  todayIso: string,
  slicing: Slicing,
): Promise<DashboardSlices> {
  const today = Prisma.sql`${todayIso}::date`;
  const state = milestoneStates(today);
  const slice = sliceSql(slicing);
  const onlySlices =
    !slicing.whole && slicing.only
      ? Prisma.sql`AND ${slice(Prisma.sql`programme.id`)} = ANY (${slicing.only}::int[])`
      : Prisma.empty;
  const matching = Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter({
    ...query,
    orSpentInYear: true,
    scope,
  })} ${onlySlices}`;
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : undefined;
  const ofMilestone = slice(Prisma.sql`milestone."programmeId"`);
  const [money, milestones, overdue, dueSoon, deliverables, programmes, benefits, byFunder, byYear, monthly, forecast] =
    await Promise.all([
      query.funderId
        ? funderMoney(db, matching, today, query.funderId, year, slice)
        : portfolioMoney(db, matching, today, year, slice),
      db.$queryRaw<MilestoneSlice[]>`
        SELECT ${ofMilestone} AS slice, count(*)::int AS total,
               count(*) FILTER (WHERE ${state.overdue})::int AS overdue,
               count(*) FILTER (WHERE ${state.onTrack})::int AS "onTrack",
               count(*) FILTER (WHERE ${state.atRisk})::int AS "atRisk",
               count(*) FILTER (WHERE ${state.complete})::int AS complete,
               count(*) FILTER (WHERE milestone.status = 'cancelled')::int AS cancelled,
               count(*) FILTER (WHERE ${state.dueSoon})::int AS "dueSoon"
        FROM "Milestone" milestone
        WHERE milestone."programmeId" IN (${matching}) AND milestone."retiredAt" IS NULL
        GROUP BY 1`,
      dueMilestones(db, matching, state.overdue, ofMilestone),
      dueMilestones(db, matching, state.dueSoon, ofMilestone),
      db.$queryRaw<DeliverableSlice[]>`
        SELECT ${slice(Prisma.sql`"programmeId"`)} AS slice, count(*)::int AS count,
               coalesce(sum("achievedCount"), 0)::bigint AS achieved, coalesce(sum("targetCount"), 0)::bigint AS target
        FROM "DeliverableTarget" WHERE "programmeId" IN (${matching}) AND "retiredAt" IS NULL
        GROUP BY 1`,
      programmeDelivery(db, matching, state, slice),
      benefitsAtAGlance(db, matching, slice),
      moneyByFunder(db, matching, query.funderId, year, slice),
      profiledAgainstSpentBySlice(db, matching, { funderId: query.funderId, year, sliceOf: slice }),
      query.funderId ? Promise.resolve(null) : spendByMonth(db, matching, year, slice),
      query.funderId || year !== undefined ? Promise.resolve(null) : forecastOutturn(db, matching, today, slice),
    ]);
  return {
    money,
    milestones,
    overdue,
    dueSoon,
    deliverables,
    programmes,
    benefits,
    byFunder,
    byYear,
    monthly,
    forecast,
  };
}

type SliceOf = ReturnType<typeof sliceSql>;

/** Each matching programme's figures from its running totals; spend within the year when one is chosen. */
function portfolioMoney(
  db: FigureReader,
  matching: Prisma.Sql,
  today: Prisma.Sql,
  year: number | undefined,
  slice: SliceOf,
) {
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
  return db.$queryRaw<MoneySlice[]>`
    WITH ${yearSpend} figures AS (
      SELECT ${slice(Prisma.sql`programme.id`)} AS slice, programme.id, programme."endOn" < ${today} AS ended,
             greatest(coalesce(programme."totalCostPence", 0) - coalesce(total."committedPence", 0), 0) AS gap,
             coalesce(total."committedPence", 0) AS committed, coalesce(total."allocatedPence", 0) AS allocated,
             ${spent} AS spent, coalesce(total."spentPence", 0) AS "spentToDate"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    ), received AS (
      -- Received on the programmes' live commitments, kept per funder as each write commits.
      SELECT ${slice(Prisma.sql`"programmeId"`)} AS slice, coalesce(sum("receivedPence"), 0) AS pence
      FROM "ProgrammeFunderFigure" WHERE "programmeId" IN (${matching})
      GROUP BY 1
    ), money AS (
      SELECT slice, count(*)::bigint AS programmes, coalesce(sum(committed), 0)::bigint AS "committedPence",
             coalesce(sum(allocated), 0)::bigint AS "allocatedPence",
             coalesce(sum(spent), 0)::bigint AS "spentPence", coalesce(sum(gap), 0)::bigint AS "fundingGapPence",
             count(*) FILTER (WHERE ended)::bigint AS "endedProgrammes",
             coalesce(sum(greatest(committed - "spentToDate", 0)) FILTER (WHERE ended), 0)::bigint AS "unspentOnEndedPence"
      FROM figures GROUP BY slice
    )
    SELECT money.*, coalesce(received.pence, 0)::bigint AS "receivedPence" FROM money LEFT JOIN received USING (slice)`;
}

/**
 * One funder's share: its live commitments on the matching programmes, what they received and
 * were allocated, and the spend attributed to them (named, or shared pro rata on their lines).
 */
function funderMoney(
  db: FigureReader,
  matching: Prisma.Sql,
  today: Prisma.Sql,
  funderId: string,
  year: number | undefined,
  slice: SliceOf,
) {
  return db.$queryRaw<MoneySlice[]>`
    WITH ${fundersShare(matching, funderId, year)}, figures AS (
      SELECT ${slice(Prisma.sql`programme.id`)} AS slice, programme.id, programme."endOn" < ${today} AS ended,
             greatest(coalesce(programme."totalCostPence", 0) - coalesce(total."committedPence", 0), 0) AS gap,
             coalesce(funded.committed, 0) AS committed, coalesce(funded.received, 0) AS received,
             coalesce(funded.allocated, 0) AS allocated, coalesce(funded.spent, 0) AS spent
      FROM "Programme" programme
      LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      LEFT JOIN funded ON funded."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    )
    SELECT slice, count(*)::bigint AS programmes, coalesce(sum(committed), 0)::bigint AS "committedPence",
           coalesce(sum(received), 0)::bigint AS "receivedPence", coalesce(sum(allocated), 0)::bigint AS "allocatedPence",
           coalesce(sum(spent), 0)::bigint AS "spentPence", coalesce(sum(gap), 0)::bigint AS "fundingGapPence",
           count(*) FILTER (WHERE ended)::bigint AS "endedProgrammes",
           coalesce(sum(greatest(committed - spent, 0)) FILTER (WHERE ended), 0)::bigint AS "unspentOnEndedPence"
    FROM figures GROUP BY slice`;
}

/** Each funder's share of the matching programmes' money (just the one funder, when one is chosen). */
function moneyByFunder(
  db: FigureReader,
  matching: Prisma.Sql,
  funderId: string | undefined,
  year: number | undefined,
  slice: SliceOf,
) {
  const ofFunder = funderId ? Prisma.sql`AND figure."funderId" = ${funderId}::uuid` : Prisma.empty;
  if (year === undefined) {
    // Kept per programme and funder as each write commits (ProgrammeFunderFigure).
    return db.$queryRaw<FunderSlice[]>`
      SELECT ${slice(Prisma.sql`figure."programmeId"`)} AS slice, funder.id::text AS id, funder.name,
             sum(figure."committedPence")::bigint AS committed, sum(figure."receivedPence")::bigint AS received,
             sum(figure."allocatedPence")::bigint AS allocated, sum(figure."spentPence")::bigint AS spent
      FROM "ProgrammeFunderFigure" figure JOIN "Organisation" funder ON funder.id = figure."funderId"
      WHERE figure."programmeId" IN (${matching}) ${ofFunder}
      GROUP BY 1, funder.id, funder.name`;
  }
  // Within a year: each commitment's named spend and shares in it.
  return db.$queryRaw<FunderSlice[]>`
    WITH ${attributedSpend(matching, year)}
    SELECT ${slice(Prisma.sql`commitment."programmeId"`)} AS slice, funder.id::text AS id, funder.name,
           coalesce(sum(commitment."amountPence") FILTER (WHERE commitment.status IN ('awarded', 'received')), 0)::bigint AS committed,
           coalesce(sum(commitment.received), 0)::bigint AS received,
           coalesce(sum(commitment.allocated), 0)::bigint AS allocated,
           coalesce(sum(commitment.named + coalesce(attributed.pence, 0)), 0)::bigint AS spent
    FROM commitment
    JOIN "Fund" fund ON fund.id = commitment."fundId"
    JOIN "Organisation" funder ON funder.id = fund."funderId"
    LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
    ${funderId ? Prisma.sql`WHERE fund."funderId" = ${funderId}::uuid` : Prisma.empty}
    GROUP BY 1, funder.id, funder.name`;
}

function dueMilestones(db: FigureReader, matching: Prisma.Sql, when: Prisma.Sql, ofMilestone: Prisma.Sql) {
  return db.$queryRaw<DueMilestoneRow[]>`
    SELECT slice, id, description, "programmeId", "programmeName", status, "dueOn" FROM (
      SELECT ${ofMilestone} AS slice, milestone.id::text AS id, milestone.description,
             programme.id::text AS "programmeId", programme.name AS "programmeName",
             milestone.status::text AS status, ${DUE} AS "dueOn",
             row_number() OVER (PARTITION BY ${ofMilestone} ORDER BY ${DUE}, milestone.id) AS place
      FROM "Milestone" milestone JOIN "Programme" programme ON programme.id = milestone."programmeId"
      WHERE milestone."programmeId" IN (${matching}) AND milestone."retiredAt" IS NULL AND ${OUTSTANDING} AND ${when}
    ) due
    WHERE place <= ${LIST_LENGTH}
    ORDER BY slice, place`;
}

function programmeDelivery(
  db: FigureReader,
  matching: Prisma.Sql,
  state: ReturnType<typeof milestoneStates>,
  slice: SliceOf,
) {
  return db.$queryRaw<ProgrammeDeliveryRow[]>`
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
    ), delivery AS (
      SELECT ${slice(Prisma.sql`programme.id`)} AS slice, programme.id::text AS id, programme.name,
             coalesce(milestones.overdue, 0)::int AS overdue, coalesce(milestones."atRisk", 0)::int AS "atRisk",
             coalesce(milestones."onTrack", 0)::int AS "onTrack", coalesce(milestones.complete, 0)::int AS complete,
             coalesce(deliverables.achieved, 0)::bigint AS "deliverablesAchieved",
             coalesce(deliverables.target, 0)::bigint AS "deliverablesTarget"
      FROM "Programme" programme
      LEFT JOIN milestones ON milestones."programmeId" = programme.id
      LEFT JOIN deliverables ON deliverables."programmeId" = programme.id
      WHERE programme.id IN (${matching})
    )
    SELECT slice, id, name, overdue, "atRisk", "onTrack", complete, "deliverablesAchieved", "deliverablesTarget" FROM (
      SELECT *, row_number() OVER (PARTITION BY slice ORDER BY overdue DESC, "atRisk" DESC, name COLLATE "C", id) AS place
      FROM delivery
    ) ranked
    WHERE place <= ${PROGRAMMES_SHOWN}
    ORDER BY slice, place`;
}

function benefitsAtAGlance(db: FigureReader, matching: Prisma.Sql, slice: SliceOf) {
  return db.$queryRaw<BenefitRow[]>`
    WITH shown AS (
      SELECT * FROM (
        SELECT benefit.*, ${slice(Prisma.sql`benefit."programmeId"`)} AS slice,
               row_number() OVER (PARTITION BY ${slice(Prisma.sql`benefit."programmeId"`)}
                                  ORDER BY benefit."expectedBy" NULLS LAST, benefit.name COLLATE "C", benefit.id) AS place
        FROM "Benefit" benefit
        WHERE benefit."programmeId" IN (${matching}) AND benefit."retiredAt" IS NULL
      ) ranked WHERE place <= ${BENEFITS_SHOWN}
    )
    SELECT benefit.slice, benefit.id::text AS id, benefit.name, programme.id::text AS "programmeId",
           programme.name AS "programmeName", benefit.unit, benefit.direction::text AS direction,
           benefit."baselineValue"::text AS "baselineValue", benefit."targetValue"::text AS "targetValue",
           benefit."targetText", benefit."expectedBy", latest."readOn", latest.value::text AS value,
           (SELECT count(*)::int FROM "BenefitReading" waiting
            WHERE waiting."benefitId" = benefit.id AND waiting.status = 'submitted') AS "awaitingApproval"
    FROM shown benefit
    JOIN "Programme" programme ON programme.id = benefit."programmeId"
    LEFT JOIN LATERAL (
      SELECT reading."readOn", reading.value FROM "BenefitReading" reading
      WHERE reading."benefitId" = benefit.id AND reading.status = 'approved'
      ORDER BY reading."readOn" DESC, reading.id DESC LIMIT 1
    ) latest ON TRUE
    ORDER BY benefit.slice, benefit.place`;
}

/** Spend in each month, from the programmes' monthly running totals. */
function spendByMonth(db: FigureReader, matching: Prisma.Sql, year: number | undefined, slice: SliceOf) {
  const within =
    year === undefined
      ? Prisma.empty
      : Prisma.sql`AND month BETWEEN ${`${year}-04-01`}::date AND ${`${year + 1}-03-01`}::date`;
  return db.$queryRaw<MonthSlice[]>`
    SELECT ${slice(Prisma.sql`"programmeId"`)} AS slice, month, sum("spentPence")::bigint AS spent
    FROM "ProgrammeMonthTotal"
    WHERE "programmeId" IN (${matching}) ${within}
    GROUP BY 1, 2
    HAVING sum("spentPence") <> 0`;
}

/**
 * Each running programme's spend so far plus its average monthly spend over the last six
 * complete months, carried on to its end date (ended or undated programmes: their spend so far);
 * those projected to spend more or less than their commitment by more than the threshold listed.
 */
function forecastOutturn(db: FigureReader, matching: Prisma.Sql, today: Prisma.Sql, slice: SliceOf) {
  return db.$queryRaw<ForecastRow[]>`
    WITH burn AS (
      SELECT "programmeId", sum("spentPence")::numeric / ${FORECAST_MONTHS} AS per_month
      FROM "ProgrammeMonthTotal"
      WHERE "programmeId" IN (${matching})
        AND month >= date_trunc('month', ${today})::date - make_interval(months => ${FORECAST_MONTHS})
        AND month < date_trunc('month', ${today})::date
      GROUP BY 1
    ), projected AS (
      SELECT ${slice(Prisma.sql`programme.id`)} AS slice, programme.id, programme.name, programme."endOn",
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
      SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY slice ORDER BY abs(variance) DESC, name COLLATE "C", id) AS place
        FROM off_course
      ) ranked WHERE place <= ${FORECAST_LISTED}
    ), summary AS (
      SELECT slice, coalesce(sum(projected), 0)::bigint AS outturn,
             max("endOn") FILTER (WHERE "endOn" > ${today}) AS "lastEndOn"
      FROM projected GROUP BY slice
    ), course AS (
      SELECT slice, count(*) FILTER (WHERE variance > 0)::int AS overspending,
             count(*) FILTER (WHERE variance < 0)::int AS underspending
      FROM off_course GROUP BY slice
    )
    SELECT summary.slice, summary.outturn, summary."lastEndOn",
           coalesce(course.overspending, 0) AS overspending, coalesce(course.underspending, 0) AS underspending,
           listed.id::text AS id, listed.name, listed."endOn", listed.committed, listed.spent, listed.projected
    FROM summary
    LEFT JOIN course USING (slice)
    LEFT JOIN listed USING (slice)
    ORDER BY summary.slice, listed.place`;
}
