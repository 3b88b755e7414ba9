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

/** A float's shortest exact text (1914 → "1914", 0.1 → "0.1"); exponents are refused later. */
function numberAsText(value: number): string {
  return Number.isFinite(value) ? String(value) : "not a number";
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * `2013-09-27`, `2013-09-27T00:00:00Z`, `27/09/2013`, `26/03/2001 00:00`, `1.4.2020` → ISO
 * date. Day first, as UK ledgers write it; impossible dates (31/02/2020) are refused.
 */
export function readDate(raw: string | Date): Reading<string> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: "not a date" };
    return withinBounds(raw.toISOString().slice(0, 10), raw.toISOString());
  }
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  const uk = iso ? null : UK_DATE.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : null;
  if (!parts) return { ok: false, reason: `"${text}" is not a date (use 27/09/2013 or 2013-09-27)` };
  const [year = "", month = "", day = ""] = parts;
  // Years before 100 are refused as not real, as Date.UTC had them (it reads 0–99 as 1900–1999).
  const isoDate = Number(year) < 100 ? null : isoDateFromParts(day, month, year);
  if (!isoDate) return { ok: false, reason: `"${text}" is not a real date` };
  return withinBounds(isoDate, text);
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
