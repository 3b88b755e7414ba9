import { z } from "zod";
import { ChangeReason, DateInput, IsoDate, NonNegativePence, Text, Uuid, Version } from "./common.ts";
import { DateWindow, Paging, pageOf, RetiredAt } from "./paging.ts";

export const CreateWorkstreamRequest = z.strictObject({
  name: Text(300),
  description: Text(2_000).nullable().default(null),
});
export type CreateWorkstreamRequest = z.infer<typeof CreateWorkstreamRequest>;

export const WorkstreamResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});

export const CreateCostLineRequest = z.strictObject({
  name: Text(300),
  workstreamId: Uuid.nullable().default(null),
  ledgerCode: Text(100).nullable().default(null),
});
export type CreateCostLineRequest = z.infer<typeof CreateCostLineRequest>;

export const CostLineResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  workstreamId: Uuid.nullable(),
  name: z.string(),
  ledgerCode: z.string().nullable(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});

const CostShares = z
  .array(
    z.strictObject({
      organisationId: Uuid,
      parts: z.number().int("must be a whole number").min(1, "must be a positive whole number").max(1_000_000),
    }),
  )
  .min(2, "a shared cost needs at least two partners")
  .max(50);

/** Whole-number parts: 1:1 halves, 1:1:1 thirds, 3:2 for 60/40. */
export const CreateCostSharingAgreementRequest = z.strictObject({
  name: Text(300),
  costLineId: Uuid.nullable().default(null),
  description: Text(2_000).nullable().default(null),
  effectiveFrom: DateInput.nullable().default(null),
  effectiveTo: DateInput.nullable().default(null),
  shares: CostShares,
  changeReason: ChangeReason,
});
export type CreateCostSharingAgreementRequest = z.infer<typeof CreateCostSharingAgreementRequest>;

export const CostSharingAgreementResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  costLineId: Uuid.nullable(),
  name: z.string(),
  description: z.string().nullable(),
  effectiveFrom: IsoDate.nullable(),
  effectiveTo: IsoDate.nullable(),
  shares: z.array(z.object({ organisationId: Uuid, parts: z.number().int(), percentage: z.number() })),
  retiredAt: RetiredAt,
  version: z.number().int(),
});

export const CreateDecisionRequest = z.strictObject({
  organisationId: Uuid,
  programmeId: Uuid.nullable().default(null),
  reference: Text(100).nullable().default(null),
  title: Text(500),
  decisionType: z.enum(["key", "non_key"]),
  decisionMaker: Text(300),
  decidedOn: DateInput.nullable().default(null),
  publishedOn: DateInput.nullable().default(null),
  status: Text(100),
  amountPence: NonNegativePence.nullable().default(null),
});
export type CreateDecisionRequest = z.infer<typeof CreateDecisionRequest>;

export const DecisionResponse = z.object({
  id: Uuid,
  organisationId: Uuid,
  programmeId: Uuid.nullable(),
  reference: z.string().nullable(),
  title: z.string(),
  decisionType: z.enum(["key", "non_key"]),
  decisionMaker: z.string(),
  decidedOn: IsoDate.nullable(),
  publishedOn: IsoDate.nullable(),
  status: z.string(),
  amountPence: z.number().int().nullable(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});

// Updates carry the version the client read and only the fields being changed (no defaults:
// a default inside an update would silently reset a field the client did not send).

export const UpdateWorkstreamRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  description: Text(2_000).nullable().optional(),
});
export type UpdateWorkstreamRequest = z.infer<typeof UpdateWorkstreamRequest>;

export const UpdateCostLineRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  workstreamId: Uuid.nullable().optional(),
  ledgerCode: Text(100).nullable().optional(),
});
export type UpdateCostLineRequest = z.infer<typeof UpdateCostLineRequest>;

export const UpdateCostSharingAgreementRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  costLineId: Uuid.nullable().optional(),
  description: Text(2_000).nullable().optional(),
  effectiveFrom: DateInput.nullable().optional(),
  effectiveTo: DateInput.nullable().optional(),
  /** Replaces every share: parts only mean something together. */
  shares: CostShares.optional(),
  changeReason: ChangeReason,
});
export type UpdateCostSharingAgreementRequest = z.infer<typeof UpdateCostSharingAgreementRequest>;

export const UpdateDecisionRequest = z.strictObject({
  version: Version,
  programmeId: Uuid.nullable().optional(),
  reference: Text(100).nullable().optional(),
  title: Text(500).optional(),
  decisionType: z.enum(["key", "non_key"]).optional(),
  decisionMaker: Text(300).optional(),
  decidedOn: DateInput.nullable().optional(),
  publishedOn: DateInput.nullable().optional(),
  status: Text(100).optional(),
  amountPence: NonNegativePence.nullable().optional(),
});
export type UpdateDecisionRequest = z.infer<typeof UpdateDecisionRequest>;

export const WorkstreamListQuery = z.strictObject({
  sort: z.enum(["name", "createdAt"]).default("name"),
  ...Paging,
});
export type WorkstreamListQuery = z.infer<typeof WorkstreamListQuery>;
export const WorkstreamListResponse = pageOf("workstreams", WorkstreamResponse);

export const CostLineListQuery = z.strictObject({
  workstreamId: Uuid.optional(),
  ledgerCode: Text(100).optional(),
  sort: z.enum(["name", "ledgerCode", "createdAt"]).default("name"),
  ...Paging,
});
export type CostLineListQuery = z.infer<typeof CostLineListQuery>;
export const CostLineListResponse = pageOf("costLines", CostLineResponse);

export const CostSharingAgreementListQuery = z.strictObject({
  /** Agreements this organisation has a share in. */
  organisationId: Uuid.optional(),
  costLineId: Uuid.optional(),
  sort: z.enum(["name", "effectiveFrom", "createdAt"]).default("name"),
  ...Paging,
});
export type CostSharingAgreementListQuery = z.infer<typeof CostSharingAgreementListQuery>;
export const CostSharingAgreementListResponse = pageOf("costSharingAgreements", CostSharingAgreementResponse);

export const DecisionListQuery = z.strictObject({
  organisationId: Uuid.optional(),
  programmeId: Uuid.optional(),
  decisionType: z.enum(["key", "non_key"]).optional(),
  status: Text(100).optional(),
  /** On the date decided. */
  ...DateWindow,
  sort: z.enum(["decidedOn", "title", "createdAt"]).default("decidedOn"),
  ...Paging,
});
export type DecisionListQuery = z.infer<typeof DecisionListQuery>;
export const DecisionListResponse = pageOf("decisions", DecisionResponse);

export type WorkstreamResponse = z.infer<typeof WorkstreamResponse>;
export type CostLineResponse = z.infer<typeof CostLineResponse>;
export type CostSharingAgreementResponse = z.infer<typeof CostSharingAgreementResponse>;
export type DecisionResponse = z.infer<typeof DecisionResponse>;
