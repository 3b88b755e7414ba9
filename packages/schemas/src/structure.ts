import { z } from "zod";
import { IsoDate, NonNegativePence, Text, Uuid } from "./common.ts";

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
  version: z.number().int(),
});

/** Whole-number parts: 1:1 halves, 1:1:1 thirds, 3:2 for 60/40. */
export const CreateCostSharingAgreementRequest = z.strictObject({
  name: Text(300),
  costLineId: Uuid.nullable().default(null),
  description: Text(2_000).nullable().default(null),
  effectiveFrom: IsoDate.nullable().default(null),
  effectiveTo: IsoDate.nullable().default(null),
  shares: z
    .array(
      z.strictObject({
        organisationId: Uuid,
        parts: z.number().int("must be a whole number").min(1, "must be a positive whole number").max(1_000_000),
      }),
    )
    .min(2, "a shared cost needs at least two partners")
    .max(50),
});
export type CreateCostSharingAgreementRequest = z.infer<typeof CreateCostSharingAgreementRequest>;

export const CostSharingAgreementResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  costLineId: Uuid.nullable(),
  name: z.string(),
  shares: z.array(z.object({ organisationId: Uuid, parts: z.number().int(), percentage: z.number() })),
  version: z.number().int(),
});

export const CreateDecisionRequest = z.strictObject({
  organisationId: Uuid,
  programmeId: Uuid.nullable().default(null),
  reference: Text(100).nullable().default(null),
  title: Text(500),
  decisionType: z.enum(["key", "non_key"]),
  decisionMaker: Text(300),
  decidedOn: IsoDate.nullable().default(null),
  publishedOn: IsoDate.nullable().default(null),
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
  version: z.number().int(),
});
