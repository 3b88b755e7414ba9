// The dashboard's pure pieces: how its figures are shaped for a chart and put into words.
import type { DashboardResponse } from "@fundline/schemas";
import { PROGRAMME_STATUS } from "../../programme-frame/index.ts";
import type { DashboardFilters } from "../api/get-dashboard.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2021-04` as `April 2021`. */
export function monthName(period: string): string {
  return `${MONTH_NAMES[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/** `2021-04` → `2021-04-30`. */
export function lastDayOf(period: string): string {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1990, month ?? 1, 0)).toISOString().slice(0, 10);
}

/** The spend-over-time line: a month's spend is drawn at its end; a financial year's at 31 March. */
export function spendOverTimePoints(spendOverTime: DashboardResponse["spendOverTime"]) {
  const byMonth = spendOverTime.period === "month";
  return spendOverTime.points.map((point) => ({
    day: byMonth ? lastDayOf(point.period) : `${Number(point.period.slice(0, 4)) + 1}-03-31`,
    cumulativePence: point.cumulativePence,
  }));
}

/** The Reconciliation page's findings of one kind, on the same programmes (it has no status filter). */
export function findings(filters: DashboardFilters, code: string): string {
  const { status: _status, ...shared } = filters;
  return `/reconciliation?${new URLSearchParams({ ...shared, code })}`;
}

/** "in 5 months", "due now", "4 months ago": how far off a benefit's expected date is. */
export function timeTo(expectedBy: string, today: string): string {
  const months = Math.round((Date.parse(expectedBy) - Date.parse(today)) / (86_400_000 * 30.4375));
  if (months === 0) return "due now";
  const count = `${Math.abs(months)} ${Math.abs(months) === 1 ? "month" : "months"}`;
  return months > 0 ? `in ${count}` : `${count} ago`;
}

/** The filters chosen, in words, for the page and its printed "as at" line. */
export function describeFilters(filters: DashboardFilters, names: Record<string, string>): string[] {
  return [
    filters.organisationId && `council ${names[filters.organisationId] ?? "chosen"}`,
    filters.funderId && `funder ${names[filters.funderId] ?? "chosen"}`,
    filters.financialYear && `financial year ${filters.financialYear}`,
    filters.status &&
      `status ${PROGRAMME_STATUS[filters.status as keyof typeof PROGRAMME_STATUS]?.label ?? filters.status}`,
    filters.programmeId && "one programme",
  ].filter((part): part is string => Boolean(part));
}
