import { z } from "zod";
import { Pence, Text, Uuid, Version } from "./common.ts";

/** What a second person may be asked to approve (see apps/api/src/lib/four-eyes.ts). */
export const ChangeKind = z.enum([
  "commitment.create",
  "commitment.update",
  "commitment.retire",
  "allocation.create",
  "allocation.update",
  "allocation.retire",
  "receipt.create",
  "receipt.update",
  "receipt.retire",
  "costSharingAgreement.create",
  "costSharingAgreement.update",
  "costSharingAgreement.retire",
  "import.reverse",
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const ChangeStatus = z.enum(["pending", "approved", "rejected", "withdrawn", "outOfDate"]);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

const Person = z.object({ id: Uuid, displayName: z.string() });

export const ChangeRequestResponse = z.object({
  id: Uuid,
  kind: ChangeKind,
  /** "Change the amount of the commitment Early Years Pathfinder", for a list. */
  summary: z.string(),
  /** What users call the record: commitment, allocation, receipt, cost-sharing agreement, import. */
  recordName: z.string(),
  entityType: z.string(),
  /** The record changed (for a new one, set once approved). */
  entityId: Uuid.nullable(),
  organisationId: Uuid,
  programmeId: Uuid.nullable(),
  commitmentId: Uuid.nullable(),
  /** The record as it was when asked (null for a new one) and as it would be. */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
  /** Each field that changes, before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** The money at stake (the larger of before and after), and the change it makes to the record's figure. */
  amountPence: Pence,
  deltaPence: Pence,
  reason: z.string(),
  status: ChangeStatus,
  requestedBy: Person,
  requestedAt: z.string(),
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type ChangeRequestResponse = z.infer<typeof ChangeRequestResponse>;

export const ChangeRequestListQuery = z.strictObject({
  status: ChangeStatus.optional(),
  commitmentId: Uuid.optional(),
  programmeId: Uuid.optional(),
  entityId: Uuid.optional(),
  /** Only those the caller may decide: pending, in their council, asked by someone else. */
  awaitingMe: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});
export type ChangeRequestListQuery = z.infer<typeof ChangeRequestListQuery>;

export const ChangeRequestListResponse = z.object({
  changeRequests: z.array(ChangeRequestResponse),
  /** Pending requests' total change to the figures, the reconciliation's "pending approval". */
  pendingDeltaPence: Pence,
});
export type ChangeRequestListResponse = z.infer<typeof ChangeRequestListResponse>;

/** Approving: the version read, and an optional note. */
export const ApproveChangeRequest = z.strictObject({ version: Version, note: Text(1_000).optional() });
export type ApproveChangeRequest = z.infer<typeof ApproveChangeRequest>;

/** Rejecting (or, by the person who asked, withdrawing): why. */
export const RejectChangeRequest = z.strictObject({ version: Version, reason: Text(1_000) });
export type RejectChangeRequest = z.infer<typeof RejectChangeRequest>;
