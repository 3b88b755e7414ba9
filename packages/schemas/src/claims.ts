import { z } from "zod";
import { DateInput, IsoDate, NonNegativePence, Pence, Text, Uuid, Version } from "./common.ts";

/** A claim pack's period: from one day to another (a quarter, a financial year), inclusive. */
export const ClaimPackQuery = z
  .strictObject({
    from: DateInput,
    to: DateInput,
    /** `workbook`: an XLSX workbook with one sheet per part, to send the funder. */
    download: z.enum(["workbook"]).optional(),
  })
  .refine((period) => period.from <= period.to, { path: ["to"], message: "must be on or after from" });
export type ClaimPackQuery = z.infer<typeof ClaimPackQuery>;

export const ClaimResponse = z.object({
  id: Uuid,
  commitmentId: Uuid,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  amountPence: Pence,
  claimedOn: IsoDate,
  reference: z.string().nullable(),
  /** The receipt that paid it: null while it is claimed and not yet received. */
  receiptId: Uuid.nullable(),
  paidOn: IsoDate.nullable(),
  createdBy: z.string().nullable(),
  retiredAt: z.string().nullable(),
  version: z.number().int(),
});
export type ClaimResponse = z.infer<typeof ClaimResponse>;

export const CreateClaimRequest = z
  .strictObject({
    commitmentId: Uuid,
    periodFrom: DateInput,
    periodTo: DateInput,
    amountPence: NonNegativePence,
    claimedOn: DateInput,
    reference: Text(200).nullable().default(null),
  })
  .refine((claim) => claim.periodFrom <= claim.periodTo, {
    path: ["periodTo"],
    message: "must be on or after the period's first day",
  });
export type CreateClaimRequest = z.infer<typeof CreateClaimRequest>;

/** The claim is paid: the receipt (of the same commitment) that recorded the money arriving. */
export const ClaimPaidRequest = z.strictObject({ version: Version, receiptId: Uuid });
export type ClaimPaidRequest = z.infer<typeof ClaimPaidRequest>;

export const ClaimListResponse = z.object({ claims: z.array(ClaimResponse) });

const Money = {
  awardedPence: Pence,
  /** The profile of the financial years the period falls in. */
  profiledPence: Pence,
  receivedInPeriodPence: Pence,
  receivedToDatePence: Pence,
  /** Spend in the period attributed to the commitment as the dashboard attributes it. */
  spentInPeriodPence: Pence,
  claimedInPeriodPence: Pence,
  /** Claims made and not yet paid, whatever their period. */
  claimedNotReceivedPence: Pence,
};

export const ClaimPack = z.object({
  commitment: z.object({
    id: Uuid,
    title: z.string(),
    funder: z.string(),
    fund: z.string(),
    programme: z.object({ id: Uuid, name: z.string() }).nullable(),
    awardedOn: IsoDate.nullable(),
    conditions: z.string().nullable(),
  }),
  period: z.object({ from: IsoDate, to: IsoDate }),
  money: z.object(Money),
  /** Every live payment in the period on the lines this commitment pays for, or naming it. */
  payments: z.array(
    z.object({
      spentOn: IsoDate,
      supplierName: z.string(),
      amountPence: Pence,
      costLine: z.string(),
      reference: z.string().nullable(),
      /** Charged to this commitment by name; otherwise shared by the line's allocations. */
      named: z.boolean(),
      /** This commitment's share of the line's allocations (100 when it alone pays for it). */
      lineSharePercentage: z.number(),
    }),
  ),
  milestones: z.array(
    z.object({
      description: z.string(),
      dueOn: IsoDate,
      status: z.string(),
      actualOn: IsoDate.nullable(),
      evidence: z.string().nullable(),
      met: z.boolean(),
    }),
  ),
  deliverables: z.array(
    z.object({
      description: z.string(),
      dueOn: IsoDate.nullable(),
      targetCount: z.number().int(),
      achievedCount: z.number().int(),
      met: z.boolean(),
    }),
  ),
  variance: z.object({
    profiledPence: Pence,
    spentPence: Pence,
    /** Profiled less spent: positive is underspent. */
    variancePence: Pence,
    explanation: z.string(),
  }),
  claims: z.array(ClaimResponse),
});
export type ClaimPack = z.infer<typeof ClaimPack>;
