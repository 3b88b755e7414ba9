import {
  amountOutOfBounds,
  dateOutOfBounds,
  EARLIEST_DATE,
  formatPence,
  LATEST_DATE,
  MAX_AMOUNT_PENCE,
  MAX_COUNT,
  parseFinancialYearLabel,
  textOutOfBounds,
} from "@fundline/domain";
import { z } from "zod";

// Responses use the plain shapes (Pence, IsoDate); requests use the bounded ones (AmountPence,
// DateInput, Count, FinancialYearLabel), whose bounds live in @fundline/domain's bounds.ts.

/** A whole number of pence, as a response carries it. Money never travels as a float or a pounds string. */
export const Pence = z.number().int().refine(Number.isSafeInteger, "must be a whole number of pence");

/** A calendar date, `YYYY-MM-DD`, as a response carries it. */
export const IsoDate = z.iso.date();

/** An amount a request or an import gives: whole pence, at most £1,000,000,000.00 either way. */
export const AmountPence = z
  .number("must be a whole number of pence")
  .int("must be a whole number of pence")
  .refine((pence) => amountOutOfBounds(pence) === null, `must be at most ${formatPence(MAX_AMOUNT_PENCE)} either way`);

/** A date a request gives: `YYYY-MM-DD`, a real day from 1990-01-01 to 2100-12-31. */
export const DateInput = z.iso
  .date("must be a date written YYYY-MM-DD")
  .refine((date) => dateOutOfBounds(date) === null, `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);

/** A count a request gives: a whole number that fits PostgreSQL's `integer`. */
export const Count = z
  .number("must be a whole number")
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);

export const Uuid = z.uuid();

/** Every error the API sends has this shape. */
export const ErrorResponse = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  /** Which input fields were wrong, and why. */
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Free text typed by a person: trimmed, not blank, within its length, no control characters. */
export const Text = (maxLength = 2_000) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank")
    .superRefine((text, context) => {
      const problem = textOutOfBounds(text, maxLength);
      if (problem) context.addIssue({ code: "custom", message: problem });
    });

/** An amount that may not be negative (commitments, allocations, VAT), within the bounds. */
export const NonNegativePence = AmountPence.refine((pence) => pence >= 0, "must not be negative");

/** A financial year written as `2019/20`, whose second half follows the first, within the dates. */
export const FinancialYearLabel = z.string().superRefine((label, context) => {
  if (!/^\d{4}\/\d{2}$/.test(label)) {
    context.addIssue({ code: "custom", message: "must look like 2019/20" });
    return;
  }
  let startYear: number;
  try {
    startYear = parseFinancialYearLabel(label);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
    return;
  }
  // The year must end on or after the first day and start on or before the last.
  if (`${startYear + 1}-03-31` < EARLIEST_DATE || `${startYear}-04-01` > LATEST_DATE) {
    context.addIssue({ code: "custom", message: `must be a year between ${EARLIEST_DATE} and ${LATEST_DATE}` });
  }
});

/**
 * Why a money change is made: needed when it is above the council's approval threshold, for the
 * second person who approves it (a change request); kept with the request and its audit.
 */
export const ChangeReason = Text(1_000).optional();

/**
 * Figures as Fundline held them at a past moment: a day (`2026-03-31`, meaning at its end, UK
 * time) or a moment with its offset (`2026-03-31T17:00:00+01:00`). Left out: as they are now.
 */
export const AsAt = z
  .union(
    [DateInput, z.iso.datetime({ offset: true })],
    "must be a day written YYYY-MM-DD or a moment such as 2026-03-31T17:00:00+01:00",
  )
  .optional();

/** The version the client last read; a stale one gets 409. */
export const Version = z.number("must be a whole number").int("must be a whole number").min(1).max(MAX_COUNT);

export const ConflictResponse = ErrorResponse.extend({ current: z.unknown() });
