// Accounting periods a council closes: a calendar month or a financial year (1 April to 31
// March). Pure: what a period spans and is called, and the sentence that refuses a write into it.
import { formatDate } from "./dates.ts";
import { financialYearBounds, financialYearLabel, financialYearOf } from "./financial-year.ts";

export type PeriodToClose = { kind: "month"; month: string } | { kind: "year"; financialYear: number };

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

/** The first and last day of a period, and its name: `2021-03` → March 2021; 2020 → 2020/21. */
export function periodSpan(period: PeriodToClose): { startsOn: string; endsOn: string; label: string } {
  if (period.kind === "year") {
    const { firstDay, lastDay } = financialYearBounds(period.financialYear);
    return { startsOn: firstDay, endsOn: lastDay, label: financialYearLabel(period.financialYear) };
  }
  const [year = 0, month = 0] = period.month.split("-").map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    startsOn: `${period.month}-01`,
    endsOn: `${period.month}-${String(last).padStart(2, "0")}`,
    label: `${MONTH_NAMES[month - 1]} ${year}`,
  };
}

/** A close as a refusal names it: the period, who closed it, and when (ISO dates). */
export type ClosedPeriod = { period: string; closedBy: string | null; closedOn: string };

const UNTIL_REOPENED = "until it is re-opened (one person asks, with a reason; another agrees)";

/**
 * Why a write dated `day` (or, for `profile`, a financial year's profile starting on it; for
 * `allocation`, one sharing out a payment of that day) is refused: "31 March 2021 is in March
 * 2021, which Farah Finance closed on 5 December 2026: …".
 * Without a day, as an import's set-aside row says it: "dated in March 2021, which …".
 */
export function closedPeriodSentence(
  closed: ClosedPeriod,
  day: string | null,
  field?: "profile" | "allocation",
): string {
  const closer = `${closed.closedBy ?? "someone"} closed on ${formatDate(closed.closedOn)}`;
  if (field === "profile" && day) {
    return `${financialYearLabel(financialYearOf(day))} is in ${closed.period}, which ${closer}: its profile cannot change ${UNTIL_REOPENED}`;
  }
  if (field === "allocation" && day) {
    // Undated itself, an allocation shares out its line's payments not named to a commitment.
    return `the line has a payment of ${formatDate(day)} not named to a commitment, in ${closed.period}, which ${closer}: its allocations share that payment out, so they cannot change ${UNTIL_REOPENED}`;
  }
  return `${day ? `${formatDate(day)} is` : "dated"} in ${closed.period}, which ${closer}: nothing dated in it can change ${UNTIL_REOPENED}`;
}
