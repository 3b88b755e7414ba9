// Reading the values real ledgers and funders' files contain: money written as text or floats,
// UK dates with or without a time, yes/no flags. Each answers a value or a reason it cannot,
// never a guess. Money is read digit by digit from its text, never through a float.
import { amountOutOfBounds, dateOutOfBounds, MAX_AMOUNT_PENCE } from "./bounds.ts";
import { isoDateFromParts } from "./dates.ts";
import type { Pence } from "./money.ts";

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

const MONEY = /^(-)?\(?(-)?(?:£|GBP ?)?(-)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\)?$/;

/**
 * `1,234.56`, `£1234.5`, `-12`, `(12.50)` (a credit in accounting style), `1914.0` or the number
 * 1914.5 → pence. Refuses fractions of a penny (`1.005`), text and blanks.
 */
export function readMoney(raw: string | number): Reading<Pence> {
  const text = (typeof raw === "number" ? numberAsText(raw) : raw).trim().replaceAll(" ", "");
  const match = MONEY.exec(text);
  const bracketed = text.startsWith("(") && text.endsWith(")");
  if (!match || (!match[4] && !match[5]) || text.startsWith("(") !== text.endsWith(")")) {
    return { ok: false, reason: `"${String(raw).trim()}" is not an amount of money` };
  }
  const signs = [match[1], match[2], match[3]].filter(Boolean).length + (bracketed ? 1 : 0);
  if (signs > 1) return { ok: false, reason: `"${String(raw).trim()}" is not an amount of money` };
  const pounds = (match[4] ?? "0").replaceAll(",", "");
  const fraction = match[5] ?? "";
  if (/[1-9]/.test(fraction.slice(2))) {
    return { ok: false, reason: `"${String(raw).trim()}" has a fraction of a penny` };
  }
  const pence = BigInt(pounds) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  if (pence > BigInt(MAX_AMOUNT_PENCE)) {
    return { ok: false, reason: `"${String(raw).trim()}" ${amountOutOfBounds(Number(pence))}` };
  }
  return { ok: true, value: signs === 1 && pence !== 0n ? -Number(pence) : Number(pence) };
}

/** An amount as read from a ledger, whether float noise was rounded away, and how it was written. */
export type LedgerAmount = { pence: Pence; rounded: boolean; notation: string };

// Every way councils' ledgers write an amount: a sign before or after a £, brackets, a trailing
// minus (SAP), "CR"/"DR" after it, thousands separators, an exponent (Excel's 1.2E+03).
const LEDGER_AMOUNT =
  /^([-+])?(\()?([-+])?(£|GBP)?([-+])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:[eE]([-+]?\d{1,2}))?(\))?(CR|DR)?(-)?$/i;
const MISSING = new Set(["na", "n/a", "#n/a", "null", "none", "nil"]);
// Spaces of every kind a finance system or Excel puts between digits, signs and "CR".
const SPACES = /[\s\u00a0\u2007\u202f]/g;

/**
 * A ledger's amount → pence: everything `readMoney` reads, and `1,234.56 CR`, `1,234.56-`,
 * `1.2E+03`. Digits past the penny (`977.5999999999999`, binary-float noise a spreadsheet left)
 * round to the nearest penny, half away from zero, on the decimal digits themselves (never through
 * a float), and say they did. Blank, `NA` and text are refused with the reason.
 */
export function readLedgerAmount(raw: string | number): Reading<LedgerAmount> {
  const written = typeof raw === "number" ? numberAsText(raw) : raw.trim();
  if (written === "") return { ok: false, reason: "is blank" };
  if (MISSING.has(written.toLowerCase())) return { ok: false, reason: `is missing ("${written}")` };
  const match = LEDGER_AMOUNT.exec(written.replace(SPACES, ""));
  const notAmount: Reading<LedgerAmount> = { ok: false, reason: `"${written}" is not an amount of money` };
  if (!match) return notAmount;
  const [, lead, open, inner, currency, after, whole, fraction, exponent, close, side, trailing] = match;
  if ((!whole && !fraction) || Boolean(open) !== Boolean(close)) return notAmount;
  const minus = [lead, inner, after, trailing].filter((sign) => sign === "-").length;
  const signs = [lead, inner, after, trailing].filter(Boolean).length + (open ? 1 : 0) + (side ? 1 : 0);
  if (signs > 1) return notAmount;
  const [pounds, decimals] = shifted((whole ?? "").replaceAll(",", ""), fraction ?? "", Number(exponent ?? 0));
  const rounded = /[1-9]/.test(decimals.slice(2));
  let pence = BigInt(pounds || "0") * 100n + BigInt(decimals.slice(0, 2).padEnd(2, "0"));
  if ((decimals[2] ?? "0") >= "5") pence += 1n; // half away from zero: the sign is applied after
  if (pence > BigInt(MAX_AMOUNT_PENCE))
    return { ok: false, reason: `"${written}" ${amountOutOfBounds(Number(pence))}` };
  const negative = minus === 1 || Boolean(open) || side?.toUpperCase() === "CR";
  const figure = `${currency ? "£" : ""}${whole?.includes(",") ? "1,234.56" : "1234.56"}`;
  const notation =
    typeof raw === "number"
      ? "a number cell"
      : open
        ? `(${figure})`
        : side
          ? `${figure} ${side.toUpperCase()}`
          : trailing
            ? `${figure}-`
            : minus === 1
              ? `-${figure}`
              : figure;
  return { ok: true, value: { pence: negative && pence !== 0n ? -Number(pence) : Number(pence), rounded, notation } };
}

/** `whole.fraction × 10^exponent` as whole and fraction digits again, exactly. */
function shifted(whole: string, fraction: string, exponent: number): [string, string] {
  if (exponent === 0) return [whole, fraction];
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return ["0", "0".repeat(-point) + digits];
  return [digits.slice(0, point).padEnd(point, "0"), digits.slice(point)];
}

/** A float's shortest exact text (1914 → "1914", 0.1 → "0.1"); exponents are refused later. */
function numberAsText(value: number): string {
  return Number.isFinite(value) ? String(value) : "not a number";
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// Two-digit years only with a month's name: `27-09-13` could be a year, month and day.
const UK_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})( \d{1,2}:\d{2}(?::\d{2})?)?$/;
const NAMED_MONTH_DATE = /^(\d{1,2})([-/. ])([A-Za-z]{3,9})\.?[-/. ,]+(\d{4}|\d{2})( \d{1,2}:\d{2}(?::\d{2})?)?$/;
// "Mar", "March" and "Sept" name March and September; "Marc" names nothing.
const MONTH_NUMBERS = new Map(
  [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ]
    .flatMap((month, index) => [[month, index + 1] as const, [month.slice(0, 3), index + 1] as const])
    .concat([["sept", 9]]),
);

/** A date as read, and how it was written ("dd/mm/yyyy", "d-MMM-yy"), for the preview to say. */
export type LedgerDate = { isoDate: string; notation: string };

/**
 * `2013-09-27`, `2013-09-27 00:00:00`, `27/09/2013`, `26/03/2001 00:00`, `1.4.2020`,  * `3-Mar-25`, `3 March 2025` → ISO date. Day first, as UK ledgers write it; impossible dates
 * (31/02/2020) are refused. Two-digit years are 1990–2089, the span Fundline's bounds allow.
 */
export function readLedgerDate(raw: string | Date): Reading<LedgerDate> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: "not a date" };
    return noted(withinBounds(raw.toISOString().slice(0, 10), raw.toISOString()), "a date cell");
  }
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) {
    return noted(dateOf(iso[1] ?? "", iso[2] ?? "", iso[3] ?? "", text), iso[4] ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd");
  }
  const uk = UK_DATE.exec(text);
  if (uk) {
    const [, day = "", separator = "/", month = "", year = "", time] = uk;
    return noted(dateOf(year, month, day, text), `dd${separator}mm${separator}yyyy${time ? " hh:mm" : ""}`);
  }
  const named = NAMED_MONTH_DATE.exec(text);
  const month = named ? monthNumber(named[3] ?? "") : null;
  if (named && month) {
    const [, day = "", separator = "-", , year = ""] = named;
    const notation = `d${separator}MMM${separator}${year.length === 2 ? "yy" : "yyyy"}`;
    return noted(dateOf(fullYear(year), String(month), day, text), notation);
  }
  return { ok: false, reason: `"${text}" is not a date (use 27/09/2013 or 2013-09-27)` };
}

/** The same, the date alone. */
export function readDate(raw: string | Date): Reading<string> {
  const reading = readLedgerDate(raw);
  return reading.ok ? { ok: true, value: reading.value.isoDate } : reading;
}

function monthNumber(name: string): number | null {
  return MONTH_NUMBERS.get(name.toLowerCase()) ?? null;
}

const fullYear = (year: string) =>
  year.length === 2 ? String((Number(year) >= 90 ? 1900 : 2000) + Number(year)) : year;

function dateOf(year: string, month: string, day: string, written: string): Reading<string> {
  // Years before 100 are refused as not real, as Date.UTC had them (it reads 0–99 as 1900–1999).
  const isoDate = Number(year) < 100 ? null : isoDateFromParts(day, month, year);
  if (!isoDate) return { ok: false, reason: `"${written}" is not a real date` };
  return withinBounds(isoDate, written);
}

function noted(reading: Reading<string>, notation: string): Reading<LedgerDate> {
  return reading.ok ? { ok: true, value: { isoDate: reading.value, notation } } : reading;
}

function withinBounds(isoDate: string, written: string): Reading<string> {
  // Years past 9999 print as `+010000-…`: outside the bounds however they compare as text.
  const outOfBounds = /^\d{4}-/.test(isoDate) ? dateOutOfBounds(isoDate) : dateOutOfBounds("9999-12-31");
  return outOfBounds ? { ok: false, reason: `"${written}" ${outOfBounds}` } : { ok: true, value: isoDate };
}

/** `yes`/`no`, `y`/`n`, `true`/`false`, `1`/`0`; blank is no. */
export function readYesNo(raw: string | boolean): Reading<boolean> {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  const text = raw.trim().toLowerCase();
  if (["yes", "y", "true", "1"].includes(text)) return { ok: true, value: true };
  if (["no", "n", "false", "0", ""].includes(text)) return { ok: true, value: false };
  return { ok: false, reason: `"${raw.trim()}" is not yes or no` };
}
