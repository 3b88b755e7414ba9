// Fundline's plausible bounds, stated once. The shared schemas apply them to every request and
// the ledger and 360Giving readers to every imported value, so nothing outside them is stored
// and no stored value can make a read fail.
import { formatPence, type Pence } from "./money.ts";

/** The largest single amount Fundline accepts anywhere, either way: £1,000,000,000.00. */
export const MAX_AMOUNT_PENCE: Pence = 100_000_000_000;

/**
 * The most any running total (a programme's, a commitment's, a line's, a year's) may reach either
 * way: £10,000,000,000.00. Far above any council programme, and low enough that the sums a read
 * adds up from these totals (a programme's commitments, a council group's programmes, a
 * partner's share times its parts) stay exact JSON numbers. The database refuses a write that
 * would pass it (check constraints on the totals).
 */
export const MAX_TOTAL_PENCE: Pence = 1_000_000_000_000;

/** The first and last day Fundline accepts: before the oldest programme, past any plan. */
export const EARLIEST_DATE = "1990-01-01";
export const LATEST_DATE = "2100-12-31";

/** The largest count, version or page number: PostgreSQL's `integer`. */
export const MAX_COUNT = 2_147_483_647;

/** Why an amount is outside the bounds, or null when it is inside them. */
export function amountOutOfBounds(pence: Pence): string | null {
  return Math.abs(pence) > MAX_AMOUNT_PENCE ? `must be at most ${formatPence(MAX_AMOUNT_PENCE)} either way` : null;
}

/** Why an ISO date (`YYYY-MM-DD`) is outside the bounds, or null when it is inside them. */
export function dateOutOfBounds(isoDate: string): string | null {
  // ISO dates of four-digit years order as text.
  return isoDate < EARLIEST_DATE || isoDate > LATEST_DATE
    ? `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`
    : null;
}

// C0 controls other than tab, newline and carriage return, plus DEL and C1 controls (NUL and
// ANSI escapes among them): PostgreSQL refuses NUL in text, and the rest are never meant.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// Half of a UTF-16 pair on its own: it has no UTF-8 form, so PostgreSQL could not store it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be stored as it is, or null: one rule for every text field and file. */
export function textOutOfBounds(text: string, maxLength: number): string | null {
  if (CONTROL_CHARACTERS.test(text)) return "must not contain control characters";
  if (text.length > maxLength) return `must be at most ${maxLength} characters`;
  if (LONE_SURROGATE.test(text)) return "must be valid Unicode text";
  return null;
}

/** Text that came from a file, safe to show and store: every control character and lone surrogate becomes �. */
export function printable(text: string): string {
  return text.replace(new RegExp(`${CONTROL_CHARACTERS.source}|${LONE_SURROGATE.source}`, "g"), "\uFFFD");
}

/** The most rows one imported file may have: a whole Excel sheet. */
export const MAX_IMPORT_ROWS = 1_048_576;
/** The most columns one imported row may have. */
export const MAX_IMPORT_COLUMNS = 256;
/** The most characters one imported CSV record may hold. */
export const MAX_IMPORT_RECORD_CHARACTERS = 1_000_000;
/** The most an XLSX's shared strings may unpack to (they are all held in memory while reading). */
export const MAX_XLSX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
/** The most a whole XLSX may unpack to. */
export const MAX_XLSX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;
/** The longest reading one imported file may take. */
export const MAX_IMPORT_READ_SECONDS = 300;
