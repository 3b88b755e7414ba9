// The dashboard from its slices: no I/O. PostgreSQL has added up every row within each slice;
// this adds the (at most SLICES) slices' sums together and picks each list's first few from the
// slices' first few, in the order the SQL uses (names by code point, as COLLATE "C").
import { penceFromBigInt, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { DashboardResponse } from "@fundline/schemas";
import { yearsFromSlices } from "../programme-figures/index.ts";
import {
  BENEFITS_SHOWN,
  type DashboardSlices,
  type DueMilestoneRow,
  FORECAST_LISTED,
  FORECAST_THRESHOLD_PERCENT,
  FUNDERS_SHOWN,
  LIST_LENGTH,
  PROGRAMMES_SHOWN,
} from "./slices.ts";

/**
 * Orders as PostgreSQL's "C" collation does: by code point (UTF-8's bytes order the same way).
 * JavaScript's own order is by UTF-16 unit, which puts characters beyond U+FFFF (surrogates,
 * D800–DFFF) before E000–FFFF; moving the surrogates above those gives code point order.
 */
export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
const codePointRank = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
const byNumber = (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0);
const abs = (value: bigint) => (value < 0n ? -value : value);

function sum<Row>(rows: Row[], field: (row: Row) => bigint | number): bigint {
  let total = 0n;
  for (const row of rows) total += BigInt(field(row));
  return total;
}

function firstFew<Row>(rows: Row[], order: (a: Row, b: Row) => number, length: number) {
  return [...rows].sort(order).slice(0, length);
}

/**
 * The first `length` of rows that come as each slice's first few, each slice's in order (as
 * the SQL sends them): merged a row at a time, never sorting them all (a whole portfolio's
 * slices send thousands, and this runs on every change).
 */
function firstAcrossSlices<Row extends { slice: number }>(
  rows: Row[],
  order: (a: Row, b: Row) => number,
  length: number,
) {
  const bySlice = new Map<number, Row[]>();
  for (const row of rows) {
    const slice = bySlice.get(row.slice);
    if (slice) slice.push(row);
    else bySlice.set(row.slice, [row]);
  }
  const lists = [...bySlice.values()];
  const next = lists.map(() => 0);
  const first: Row[] = [];
  while (first.length < length) {
    let best = -1;
    for (let list = 0; list < lists.length; list++) {
      const candidate = lists[list]?.[next[list] ?? 0];
      if (candidate && (best < 0 || order(candidate, lists[best]?.[next[best] ?? 0] as Row) < 0)) best = list;
    }
    if (best < 0) break;
    first.push(lists[best]?.[next[best] ?? 0] as Row);
    next[best] = (next[best] ?? 0) + 1;
  }
  return first;
}

export function combineSlices(slices: DashboardSlices, todayIso: string): DashboardResponse {
  const { money, milestones } = slices;
  const count = (field: keyof (typeof milestones)[number]) => Number(sum(milestones, (row) => row[field]));
  const pence = (field: Exclude<keyof (typeof money)[number], "slice">) =>
    penceFromBigInt(sum(money, (row) => row[field]));
  const byYear = yearsFromSlices(slices.byYear);
  return {
    today: todayIso,
    headline: {
      programmes: Number(sum(money, (row) => row.programmes)),
      committedPence: pence("committedPence"),
      receivedPence: pence("receivedPence"),
      allocatedPence: pence("allocatedPence"),
      spentPence: pence("spentPence"),
      fundingGapPence: pence("fundingGapPence"),
      endedProgrammes: Number(sum(money, (row) => row.endedProgrammes)),
      unspentOnEndedPence: pence("unspentOnEndedPence"),
    },
    milestones: {
      total: count("total"),
      overdue: count("overdue"),
      onTrack: count("onTrack"),
      atRisk: count("atRisk"),
      complete: count("complete"),
      cancelled: count("cancelled"),
      dueInNext30Days: count("dueSoon"),
    },
    overdue: dueMilestones(slices.overdue),
    dueSoon: dueMilestones(slices.dueSoon),
    deliverables: {
      count: Number(sum(slices.deliverables, (row) => row.count)),
      achieved: Number(sum(slices.deliverables, (row) => row.achieved)),
      target: Number(sum(slices.deliverables, (row) => row.target)),
    },
    programmes: firstAcrossSlices(
      slices.programmes,
      (a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id),
      PROGRAMMES_SHOWN,
    ).map(({ slice: _slice, ...row }) => ({
      ...row,
      deliverablesAchieved: Number(row.deliverablesAchieved),
      deliverablesTarget: Number(row.deliverablesTarget),
    })),
    byFunder: funders(slices.byFunder),
    byYear,
    // A funder's share is attributed within each year, not month: its line is drawn by year.
    spendOverTime: slices.monthly
      ? { period: "month", points: months(slices.monthly) }
      : {
          period: "financialYear",
          points: cumulative(byYear.map((row) => ({ period: row.financialYear, spentPence: row.spentPence }))),
        },
    forecast: slices.forecast ? forecast(slices.forecast) : null,
    benefits: benefits(slices.benefits),
  };
}

function dueMilestones(rows: DueMilestoneRow[]): DashboardResponse["overdue"] {
  return firstAcrossSlices(
    rows,
    (a, b) => byNumber(a.dueOn.getTime(), b.dueOn.getTime()) || byCodePoint(a.id, b.id),
    LIST_LENGTH,
  ).map((row) => ({
    id: row.id,
    description: row.description,
    programme: { id: row.programmeId, name: row.programmeName },
    status: row.status as DashboardResponse["overdue"][number]["status"],
    dueOn: toIsoDate(row.dueOn),
  }));
}

function funders(rows: DashboardSlices["byFunder"]): DashboardResponse["byFunder"] {
  const byId = new Map<
    string,
    { id: string; name: string; committed: bigint; received: bigint; allocated: bigint; spent: bigint }
  >();
  for (const row of rows) {
    const funder = byId.get(row.id) ?? {
      id: row.id,
      name: row.name,
      committed: 0n,
      received: 0n,
      allocated: 0n,
      spent: 0n,
    };
    funder.committed += row.committed;
    funder.received += row.received;
    funder.allocated += row.allocated;
    funder.spent += row.spent;
    byId.set(row.id, funder);
  }
  return firstFew(
    [...byId.values()],
    (a, b) => byNumber(b.committed, a.committed) || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id),
    FUNDERS_SHOWN,
  ).map((funder) => ({
    funder: { id: funder.id, name: funder.name },
    committedPence: penceFromBigInt(funder.committed),
    receivedPence: penceFromBigInt(funder.received),
    allocatedPence: penceFromBigInt(funder.allocated),
    spentPence: penceFromBigInt(funder.spent),
  }));
}

/** Spend in each month and the running sum; a month whose payments net to nothing is no month of spend. */
function months(rows: NonNullable<DashboardSlices["monthly"]>) {
  const byMonth = new Map<number, bigint>();
  for (const row of rows) {
    const month = row.month.getTime();
    byMonth.set(month, (byMonth.get(month) ?? 0n) + row.spent);
  }
  let running = 0n;
  return [...byMonth]
    .filter(([, spent]) => spent !== 0n)
    .sort(([a], [b]) => a - b)
    .map(([month, spent]) => {
      running += spent;
      return {
        period: toIsoDate(new Date(month)).slice(0, 7),
        spentPence: penceFromBigInt(spent),
        cumulativePence: penceFromBigInt(running),
      };
    });
}

function cumulative(points: { period: string; spentPence: number }[]) {
  let running = 0;
  return points.map((point) => {
    running += point.spentPence;
    return { ...point, cumulativePence: running };
  });
}

function forecast(rows: NonNullable<DashboardSlices["forecast"]>): NonNullable<DashboardResponse["forecast"]> {
  // Each slice's summary is on every one of its rows: count it once.
  const summaries = new Map(rows.map((row) => [row.slice, row]));
  const summary = [...summaries.values()];
  const lastEndOn = summary.reduce<Date | null>(
    (last, row) => (row.lastEndOn && (!last || row.lastEndOn > last) ? row.lastEndOn : last),
    null,
  );
  const listed = rows.flatMap((row) =>
    row.id && row.name && row.endOn
      ? [
          {
            ...row,
            id: row.id,
            name: row.name,
            endOn: row.endOn,
            variance: (row.projected ?? 0n) - (row.committed ?? 0n),
          },
        ]
      : [],
  );
  return {
    outturnPence: penceFromBigInt(sum(summary, (row) => row.outturn)),
    lastEndOn: toIsoDateOrNull(lastEndOn),
    thresholdPercent: FORECAST_THRESHOLD_PERCENT,
    overspending: Number(sum(summary, (row) => row.overspending)),
    underspending: Number(sum(summary, (row) => row.underspending)),
    programmes: firstAcrossSlices(
      listed,
      (a, b) => byNumber(abs(b.variance), abs(a.variance)) || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id),
      FORECAST_LISTED,
    ).map((row) => ({
      id: row.id,
      name: row.name,
      endOn: toIsoDate(row.endOn),
      committedPence: penceFromBigInt(row.committed ?? 0n),
      spentPence: penceFromBigInt(row.spent ?? 0n),
      projectedPence: penceFromBigInt(row.projected ?? 0n),
    })),
  };
}

function benefits(rows: DashboardSlices["benefits"]): DashboardResponse["benefits"] {
  return firstAcrossSlices(
    rows,
    (a, b) =>
      // Soonest expected first, those with no date last.
      (a.expectedBy === null ? (b.expectedBy === null ? 0 : 1) : b.expectedBy === null ? -1 : 0) ||
      byNumber(a.expectedBy?.getTime() ?? 0, b.expectedBy?.getTime() ?? 0) ||
      byCodePoint(a.name, b.name) ||
      byCodePoint(a.id, b.id),
    BENEFITS_SHOWN,
  ).map((row) => ({
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
