import { z } from "zod";
import { AllocationResponse, CommitmentResponse } from "./commitments.ts";
import { DateInput, FinancialYearLabel, Pence, Uuid } from "./common.ts";
import { DateWindow, Paging, pageOf } from "./paging.ts";
import { ReceiptResponse, SpendResponse } from "./spend.ts";
import { CommitmentStatus } from "./vocabulary.ts";

/** A record another one refers to, by its id and the name people know it by. */
const Named = z.object({ id: Uuid, name: z.string() });
const CommitmentRef = z.object({ id: Uuid, title: z.string() });

export const CommitmentListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  /** Only commitments tied to no programme yet (grants imported from a funder's 360Giving file). */
  unassigned: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
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

/**
 * A commitment as lists show it: named fund, funder, programme and recipient, with its running
 * totals, and the council whose books it is in (`owner`; none: only an administrator changes it).
 */
export const CommitmentInList = CommitmentResponse.extend({
  fund: Named,
  funder: Named,
  programme: Named.nullable(),
  recipient: Named.nullable(),
  owner: Named.nullable(),
  receivedPence: Pence,
  allocatedPence: Pence,
});
export type CommitmentInList = z.infer<typeof CommitmentInList>;

export const CommitmentListResponse = pageOf("commitments", CommitmentInList);
export type CommitmentListResponse = z.infer<typeof CommitmentListResponse>;

export const SpendListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  costLineId: Uuid.optional(),
  /** Spend that names this commitment as the one paying. */
  commitmentId: Uuid.optional(),
  /** The paying partner. */
  organisationId: Uuid.optional(),
  financialYear: FinancialYearLabel.optional(),
  from: DateInput.optional(),
  to: DateInput.optional(),
  sort: z.enum(["spentOn", "amountPence", "supplierName", "createdAt"]).default("spentOn"),
  ...Paging,
});
export type SpendListQuery = z.infer<typeof SpendListQuery>;

/**
 * A payment as lists show it, with its programme, line, commitment and paying partner named, and
 * the council whose books it is in (`owner`: only that council, or an administrator, changes it).
 */
export const SpendInList = SpendResponse.extend({
  programme: Named,
  owner: Named,
  costLine: Named.extend({ ledgerCode: z.string().nullable() }),
  commitment: CommitmentRef.nullable(),
  payingOrganisation: Named.nullable(),
});
export type SpendInList = z.infer<typeof SpendInList>;

export const SpendListResponse = pageOf("spend", SpendInList);
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
export const AllocationInList = AllocationResponse.extend({
  commitment: CommitmentRef,
  costLine: Named,
  programme: Named,
});
export type AllocationInList = z.infer<typeof AllocationInList>;
export const AllocationListResponse = pageOf("allocations", AllocationInList);

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
export const ReceiptInList = ReceiptResponse.extend({ commitment: CommitmentRef, funder: Named });
export type ReceiptInList = z.infer<typeof ReceiptInList>;
export const ReceiptListResponse = pageOf("receipts", ReceiptInList);

/** One commitment with what has arrived against it and where it is allocated. */
export const CommitmentDetail = CommitmentInList.extend({
  /** Spend naming this commitment; spend on its lines that names none is shared out in reconciliation. */
  namedSpentPence: Pence,
  receipts: z.array(ReceiptResponse.extend({ owner: Named.nullable() })),
  allocations: z.array(AllocationResponse.extend({ costLine: Named, owner: Named.nullable() })),
});
export type CommitmentDetail = z.infer<typeof CommitmentDetail>;
