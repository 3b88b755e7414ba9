/**
 * The UK public-sector financial year runs 1 April to 31 March and is written `2019/20`.
 * A financial year is identified by the calendar year in which it starts (2019 for 2019/20).
 */

const FINANCIAL_YEAR_LABEL = /^(\d{4})\/(\d{2})$/;

/** The start year of the financial year containing a calendar date (`YYYY-MM-DD` or a Date in UTC). */
export function financialYearOf(date: string | Date): number {
  const { year, month } = typeof date === "string" ? parseIsoDate(date) : utcParts(date);
  return month >= 4 ? year : year - 1;
}

/** `2019` → `2019/20`; `1999` → `1999/00`. */
export function financialYearLabel(startYear: number): string {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new RangeError(`not a plausible financial year start: ${startYear}`);
  }
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** `2019/20` → `2019`. Rejects labels whose second half does not follow the first (`2019/21`). */
export function parseFinancialYearLabel(label: string): number {
  const match = FINANCIAL_YEAR_LABEL.exec(label);
  if (!match) throw new RangeError(`financial year must look like 2019/20, got "${label}"`);
  const startYear = Number(match[1]);
  if (Number(match[2]) !== (startYear + 1) % 100) {
    throw new RangeError(
      `"${label}" is not a financial year: ${startYear} is followed by ${financialYearLabel(startYear)}`,
    );
  }
  return startYear;
}

/** First and last day (inclusive) of a financial year, as ISO dates. */
export function financialYearBounds(startYear: number): { firstDay: string; lastDay: string } {
  return { firstDay: `${startYear}-04-01`, lastDay: `${startYear + 1}-03-31` };
}

function parseIsoDate(text: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${text}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: "${text}"`);
  }
  return { year, month };
}

function utcParts(date: Date): { year: number; month: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}
