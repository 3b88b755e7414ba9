/**
 * Money is an integer number of pence, end to end. These helpers never touch floats for
 * arithmetic; the only float is in percentage display, which is not money.
 */

export type Pence = number;

/** The largest pence value that a JSON number carries exactly (about £90 trillion). */
export const MAX_SAFE_PENCE = Number.MAX_SAFE_INTEGER;

export function isPence(value: unknown): value is Pence {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Converts a BigInt from the database to pence, refusing values a JSON number cannot hold. */
export function penceFromBigInt(value: bigint): Pence {
  if (value > BigInt(MAX_SAFE_PENCE) || value < -BigInt(MAX_SAFE_PENCE)) {
    throw new RangeError(`${value} pence is beyond the range Fundline can represent exactly`);
  }
  return Number(value);
}

/** `£1,234.56`, `-£12.00`. Formats from whole pounds and pence so no float rounding is involved. */
export function formatPence(pence: Pence): string {
  if (!isPence(pence)) throw new TypeError(`not a whole number of pence: ${pence}`);
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}£${groupThousands(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, "0")}`;
}

/** `1234567` → `1,234,567`. By hand, not Intl: a portfolio words tens of thousands of sums. */
function groupThousands(whole: number): string {
  const digits = String(whole);
  let grouped = "";
  for (let at = 0; at < digits.length; at++) {
    if (at > 0 && (digits.length - at) % 3 === 0) grouped += ",";
    grouped += digits[at];
  }
  return grouped;
}

/** `1234.56`, `-12.00`: pounds as a plain decimal for CSV and spreadsheets, from integer pence. */
export function penceAsDecimal(pence: Pence): string {
  if (!isPence(pence)) throw new TypeError(`not a whole number of pence: ${pence}`);
  const abs = Math.abs(pence);
  return `${pence < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** `£105k`, `£2.5m`, `£1.2bn`: short forms for chart axes; tables always show the exact figure. */
export function formatPenceShort(pence: Pence): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence / 100);
  if (abs >= 1_000_000_000) return `${sign}£${trimZero(abs / 1_000_000_000)}bn`;
  if (abs >= 1_000_000) return `${sign}£${trimZero(abs / 1_000_000)}m`;
  if (abs >= 1_000) return `${sign}£${trimZero(abs / 1_000)}k`;
  return `${sign}£${trimZero(abs)}`;
}

function trimZero(value: number): string {
  return value.toFixed(1).replace(/\.0$/, "");
}

/**
 * Splits `total` pence into shares in proportion to whole-number `parts` so that the shares add
 * back exactly to the total (largest-remainder method; ties go to the earlier part). The database
 * splits the same way with its parts ordered by id; a property test holds the two equal.
 * £100,000.00 in 1:1:1 is £33,333.34 + £33,333.33 + £33,333.33.
 * Negative totals (credit notes) split symmetrically to positive ones.
 */
export function splitPence(total: Pence, parts: readonly number[]): Pence[] {
  if (!isPence(total)) throw new TypeError(`total is not a whole number of pence: ${total}`);
  if (parts.length === 0) throw new RangeError("at least one part is needed");
  for (const part of parts) {
    if (!Number.isSafeInteger(part) || part <= 0) {
      throw new RangeError(`parts must be positive whole numbers, got ${part}`);
    }
  }
  if (total < 0) return splitPence(-total, parts).map((share) => (share === 0 ? 0 : -share));

  // BigInt keeps total × part exact even for totals near the safe-integer limit.
  const bigTotal = BigInt(total);
  const bigParts = parts.map((part) => BigInt(part));
  const partSum = bigParts.reduce((sum, part) => sum + part, 0n);
  const floors = bigParts.map((part) => (bigTotal * part) / partSum);
  const remainders = bigParts.map((part, index) => ({
    index,
    remainder: (bigTotal * part) % partSum,
  }));
  let leftOver = bigTotal - floors.reduce((sum, share) => sum + share, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftOver === 0n) break;
    floors[index] = (floors[index] ?? 0n) + 1n;
    leftOver -= 1n;
  }
  return floors.map((share) => Number(share));
}

/** Percentage of each part, for display only (never for money). */
export function partsAsPercentages(parts: readonly number[]): number[] {
  const sum = parts.reduce((total, part) => total + part, 0);
  return parts.map((part) => (part / sum) * 100);
}
