/** A database DATE (midnight UTC) as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function toIsoDateOrNull(date: Date | null): string | null {
  return date === null ? null : toIsoDate(date);
}

/** `YYYY-MM-DD` as a database DATE (midnight UTC); null and undefined pass through unchanged. */
export function fromIsoDate(iso: string): Date;
export function fromIsoDate(iso: string | null): Date | null;
export function fromIsoDate(iso: string | undefined): Date | undefined;
export function fromIsoDate(iso: string | null | undefined): Date | null | undefined;
export function fromIsoDate(iso: string | null | undefined): Date | null | undefined {
  return iso === null || iso === undefined ? iso : new Date(`${iso}T00:00:00Z`);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `2026-11-22` as `22 Nov 2026`: the one way Fundline shows a date, on screen and in print. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

// Made once: each formatter holds ICU's time-zone and calendar data outside the JavaScript
// heap, so one made per call (per request) let the process's memory grow by hundreds of
// megabytes under load before the garbage collector noticed.
const UK_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const UK_ISO_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** A moment as `22 Nov 2026, 14:05`, in UK time (GMT or BST), for "as at" lines and histories. */
export function formatDateTime(moment: string | Date): string {
  const parts = UK_DATE_TIME.formatToParts(typeof moment === "string" ? new Date(moment) : moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? "";
  return `${formatDate(`${part("year")}-${part("month")}-${part("day")}`)}, ${part("hour")}:${part("minute")}`;
}

export type DatePrecision = "day" | "month" | "season" | "quarter" | "year";

/**
 * A planned date as its author wrote it: "Spring 2022" stays "Spring 2022"; without a label, a
 * month shows as `Mar 2022`, a year as `2022`, and a day as `22 Nov 2026`.
 */
export function formatPlannedDate(isoDate: string, precision: DatePrecision, label: string | null): string {
  if (label) return label;
  const [year, month] = isoDate.split("-").map(Number);
  if (precision === "year") return String(year);
  if (precision === "day") return formatDate(isoDate);
  return `${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/**
 * Day, month and year as typed into three boxes → `YYYY-MM-DD`, or null when they are not a real
 * day ("31 2 2026", blanks, letters). Two-digit years are refused, not guessed.
 */
export function isoDateFromParts(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day, month, year].map((part) => part.trim());
  if (!/^\d{1,2}$/.test(d ?? "") || !/^\d{1,2}$/.test(m ?? "") || !/^\d{4}$/.test(y ?? "")) return null;
  return isCalendarDay(Number(y), Number(m), Number(d)) ? `${y}-${m?.padStart(2, "0")}-${d?.padStart(2, "0")}` : null;
}

/**
 * Whether the calendar has this day (29 February in leap years only). By arithmetic, not
 * through a Date: a ledger import asks it for hundreds of thousands of rows.
 */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** `YYYY-MM-DD` as the three boxes show it: `2026-03-07` → day "7", month "3", year "2026". */
export function isoDateParts(isoDate: string | null | undefined): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? "");
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? "" };
}

/** The ISO date `days` after `isoDate` (negative: before). */
export function addDays(isoDate: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000));
}

/** Today's date in the UK (`YYYY-MM-DD`), whatever the computer's time zone: what "overdue" is measured from. */
export function todayInTheUk(now = new Date()): string {
  return UK_ISO_DATE.format(now);
}

/**
 * The moment a UK day begins (midnight GMT or BST) as a Date. Clocks change at 01:00 UTC, so
 * midnight is never skipped or repeated: it is midnight UTC less London's offset then.
 */
export function startOfUkDay(isoDate: string): Date {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
  const londonWallClock = Date.parse(
    `${todayInTheUk(new Date(midnightUtc))}T${UK_TIME.format(new Date(midnightUtc))}Z`,
  );
  return new Date(midnightUtc - (londonWallClock - midnightUtc));
}
const UK_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * The moment figures "as at" are shown for: a day (`2026-03-31`) means at its end, UK time, so
 * everything recorded that day counts; a moment with its offset means then.
 */
export function asAtMoment(asAt: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? startOfUkDay(addDays(asAt, 1)) : new Date(asAt);
}

/** The UK day a moment falls on: what "today" is for figures as at it (overdue milestones). */
export function ukDayOf(moment: Date): string {
  return todayInTheUk(new Date(moment.getTime() - 1));
}

/** The Monday of the week a day falls in (weekly emails are one a person a week, Monday to Sunday). */
export function mondayOfWeek(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, -((day + 6) % 7));
}
