import { z } from "zod";

/** A whole number of pence. Money never travels as a float or a pounds string. */
export const Pence = z.number().int().refine(Number.isSafeInteger, "must be a whole number of pence");

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

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

// C0 controls other than tab, newline and carriage return, plus DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Free text typed by a person: trimmed, not blank, no control characters. */
export const Text = (maxLength = 2_000) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((text) => !CONTROL_CHARACTERS.test(text), "must not contain control characters");

/** Pence that may not be negative (commitments, allocations). */
export const NonNegativePence = Pence.refine((pence) => pence >= 0, "must not be negative");

/** A financial year written as `2019/20`. */
export const FinancialYearLabel = z.string().regex(/^\d{4}\/\d{2}$/, "must look like 2019/20");

/** The version the client last read; a stale one gets 409. */
export const Version = z.number().int().min(1);

export const ConflictResponse = ErrorResponse.extend({ current: z.unknown() });
