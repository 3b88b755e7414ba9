import { z } from "zod";
import { CommitmentResponse } from "./commitments.ts";
import { FinancialYearLabel, IsoDate, Uuid } from "./common.ts";
import { CommitmentStatus } from "./programmes.ts";
import { SpendResponse } from "./spend.ts";

// Query strings arrive as text: paging numbers are parsed from it; money never is.
const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  direction: z.enum(["asc", "desc"]).default("asc"),
  includeRetired: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
};

export const CommitmentListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  funderId: Uuid.optional(),
  /** The recipient organisation. */
  organisationId: Uuid.optional(),
  status: CommitmentStatus.optional(),
  /** Commitments profiled in this financial year. */
  financialYear: FinancialYearLabel.optional(),
  awardedFrom: IsoDate.optional(),
  awardedTo: IsoDate.optional(),
  sort: z.enum(["awardedOn", "amountPence", "title", "createdAt"]).default("awardedOn"),
  ...Paging,
});
export type CommitmentListQuery = z.infer<typeof CommitmentListQuery>;

export const CommitmentListResponse = z.object({
  commitments: z.array(CommitmentResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CommitmentListResponse = z.infer<typeof CommitmentListResponse>;

export const SpendListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  costLineId: Uuid.optional(),
  /** The paying partner. */
  organisationId: Uuid.optional(),
  financialYear: FinancialYearLabel.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: z.enum(["spentOn", "amountPence", "supplierName", "createdAt"]).default("spentOn"),
  ...Paging,
});
export type SpendListQuery = z.infer<typeof SpendListQuery>;

export const SpendListResponse = z.object({
  spend: z.array(SpendResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SpendListResponse = z.infer<typeof SpendListResponse>;
