import { z } from "zod";
import { AllocationResponse, CommitmentResponse } from "./commitments.ts";
import { DateInput, FinancialYearLabel, Uuid } from "./common.ts";
import { DateWindow, Paging, pageOf } from "./paging.ts";
import { ReceiptResponse, SpendResponse } from "./spend.ts";
import { CommitmentStatus } from "./vocabulary.ts";

export const CommitmentListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  funderId: Uuid.optional(),
  /** The recipient organisation. */
  organisationId: Uuid.optional(),
  status: CommitmentStatus.optional(),
  /** Commitments profiled in this financial year. */
  financialYear: FinancialYearLabel.optional(),
  awardedFrom: DateInput.optional(),
  awardedTo: DateInput.optional(),
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
  from: DateInput.optional(),
  to: DateInput.optional(),
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

export const AllocationListQuery = z.strictObject({
  commitmentId: Uuid.optional(),
  costLineId: Uuid.optional(),
  programmeId: Uuid.optional(),
  funderId: Uuid.optional(),
  sort: z.enum(["amountPence", "createdAt"]).default("createdAt"),
  ...Paging,
});
export type AllocationListQuery = z.infer<typeof AllocationListQuery>;
export const AllocationListResponse = pageOf("allocations", AllocationResponse);

export const ReceiptListQuery = z.strictObject({
  commitmentId: Uuid.optional(),
  programmeId: Uuid.optional(),
  funderId: Uuid.optional(),
  /** On the date received. */
  ...DateWindow,
  sort: z.enum(["receivedOn", "amountPence", "createdAt"]).default("receivedOn"),
  ...Paging,
});
export type ReceiptListQuery = z.infer<typeof ReceiptListQuery>;
export const ReceiptListResponse = pageOf("receipts", ReceiptResponse);
