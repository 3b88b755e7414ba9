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
