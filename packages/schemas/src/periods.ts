import { EARLIEST_DATE, LATEST_DATE } from "@fundline/domain";
import { z } from "zod";
import { FinancialYearLabel, IsoDate, Text, Uuid, Version } from "./common.ts";

/** A calendar month, `2021-03`, within Fundline's dates. */
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written 2021-03")
  .refine(
    (month) => `${month}-01` >= EARLIEST_DATE && `${month}-01` <= LATEST_DATE,
    `must be between ${EARLIEST_DATE.slice(0, 7)} and ${LATEST_DATE.slice(0, 7)}`,
  );

/** Closes a month or a financial year for the user's council. */
export const ClosePeriodRequest = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("month"), month: Month }),
  z.strictObject({ kind: z.literal("year"), financialYear: FinancialYearLabel }),
]);
export type ClosePeriodRequest = z.infer<typeof ClosePeriodRequest>;

/** Asks for a closed period to be re-opened: another person must agree. */
export const ReopenRequest = z.strictObject({ reason: Text(1_000), version: Version });
export const ReopenConfirmation = z.strictObject({ version: Version });

const Person = z.object({ id: Uuid, displayName: z.string() }).nullable();

export const PeriodCloseResponse = z.object({
  id: Uuid,
  kind: z.enum(["month", "year"]),
  label: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  closedBy: Person,
  closedAt: z.string(),
  /** Asked to be re-opened: by whom, when and why, awaiting another person's agreement. */
  reopenRequestedBy: Person,
  reopenRequestedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  reopenedBy: Person,
  reopenedAt: z.string().nullable(),
  version: z.number().int(),
});
export type PeriodCloseResponse = z.infer<typeof PeriodCloseResponse>;

export const PeriodListResponse = z.object({ periods: z.array(PeriodCloseResponse) });
export type PeriodListResponse = z.infer<typeof PeriodListResponse>;
