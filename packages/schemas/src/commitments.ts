import { z } from "zod";
import {
  ChangeReason,
  DateInput,
  FinancialYearLabel,
  IsoDate,
  NonNegativePence,
  Pence,
  Text,
  Uuid,
  Version,
} from "./common.ts";
import { Paging, pageOf } from "./paging.ts";
import { CommitmentStatus } from "./vocabulary.ts";

const YearProfile = z
  .array(z.strictObject({ financialYear: FinancialYearLabel, amountPence: NonNegativePence }))
  .max(50);

export const CreateCommitmentRequest = z.strictObject({
  fundId: Uuid,
  programmeId: Uuid.nullable().default(null),
  recipientId: Uuid.nullable().default(null),
  decisionId: Uuid.nullable().default(null),
  title: Text(300),
  amountPence: NonNegativePence,
  status: CommitmentStatus,
  awardedOn: DateInput.nullable().default(null),
  conditions: Text(4_000).nullable().default(null),
  /** When given, it must add up to `amountPence`. */
  profile: YearProfile.default([]),
  changeReason: ChangeReason,
});
export type CreateCommitmentRequest = z.infer<typeof CreateCommitmentRequest>;

export const UpdateCommitmentRequest = z.strictObject({
  version: Version,
  title: Text(300).optional(),
  amountPence: NonNegativePence.optional(),
  status: CommitmentStatus.optional(),
  awardedOn: DateInput.nullable().optional(),
  conditions: Text(4_000).nullable().optional(),
  decisionId: Uuid.nullable().optional(),
  profile: YearProfile.optional(),
  /**
   * Ties the commitment (a grant imported from a funder's file) to a programme; refused once
   * money is allocated from it or spend names it, which would leave them on another programme.
   */
  programmeId: Uuid.optional(),
  changeReason: ChangeReason,
});
export type UpdateCommitmentRequest = z.infer<typeof UpdateCommitmentRequest>;

export const RetireRequest = z.strictObject({ version: Version, reason: Text(1_000) });
export type RetireRequest = z.infer<typeof RetireRequest>;

export const CommitmentResponse = z.object({
  id: Uuid,
  fundId: Uuid,
  programmeId: Uuid.nullable(),
  recipientId: Uuid.nullable(),
  decisionId: Uuid.nullable(),
  title: z.string(),
  amountPence: Pence,
  status: CommitmentStatus,
  awardedOn: IsoDate.nullable(),
  conditions: z.string().nullable(),
  profile: z.array(z.object({ financialYear: z.string(), amountPence: Pence })),
  version: z.number().int(),
  retiredAt: z.string().nullable(),
  retirementReason: z.string().nullable(),
});
export type CommitmentResponse = z.infer<typeof CommitmentResponse>;

export const CreateAllocationRequest = z.strictObject({
  commitmentId: Uuid,
  costLineId: Uuid,
  amountPence: NonNegativePence,
  note: Text(1_000).nullable().default(null),
  changeReason: ChangeReason,
});
export type CreateAllocationRequest = z.infer<typeof CreateAllocationRequest>;

/** Moving money to another line or changing the amount; the commitment stays the same. */
export const UpdateAllocationRequest = z.strictObject({
  version: Version,
  costLineId: Uuid.optional(),
  amountPence: NonNegativePence.optional(),
  note: Text(1_000).nullable().optional(),
  changeReason: ChangeReason,
});
export type UpdateAllocationRequest = z.infer<typeof UpdateAllocationRequest>;

export const AllocationResponse = z.object({
  id: Uuid,
  commitmentId: Uuid,
  costLineId: Uuid,
  amountPence: Pence,
  note: z.string().nullable(),
  version: z.number().int(),
  retiredAt: z.string().nullable(),
  retirementReason: z.string().nullable(),
});
export type AllocationResponse = z.infer<typeof AllocationResponse>;

export const IdParams = z.strictObject({ id: Uuid });

/** The kinds of record the audit trail holds, by their stored names. */
export const AuditedEntity = z.enum([
  "Allocation",
  "Benefit",
  "BenefitReading",
  "ChangeRequest",
  "CostLine",
  "CostSharingAgreement",
  "Decision",
  "DeliverableTarget",
  "Fund",
  "FunderClaim",
  "FundingCommitment",
  "ImportBatch",
  "Milestone",
  "Organisation",
  "Programme",
  "ProgrammePartner",
  "Receipt",
  "Risk",
  "RolePolicy",
  "Spend",
  "User",
  "Workstream",
]);
export type AuditedEntity = z.infer<typeof AuditedEntity>;

export const AuditQuery = z.strictObject({ entity: AuditedEntity, id: Text(100) });
/** One change in the audit trail: who did what to which record, and each field before and after. */
export const AuditEventResponse = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorLabel: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEventResponse = z.infer<typeof AuditEventResponse>;

export const AuditResponse = z.object({ events: z.array(AuditEventResponse) });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** A programme's history: every change to it and to the records that belong to it, newest first. */
export const ProgrammeHistoryQuery = z.strictObject({
  page: Paging.page,
  pageSize: Paging.pageSize,
});
export type ProgrammeHistoryQuery = z.infer<typeof ProgrammeHistoryQuery>;
export const ProgrammeHistoryResponse = pageOf("events", AuditEventResponse);
export type ProgrammeHistoryResponse = z.infer<typeof ProgrammeHistoryResponse>;
