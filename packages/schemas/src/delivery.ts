import { z } from "zod";
import { IsoDate, Text, Uuid, Version } from "./common.ts";
import { RiskStatus } from "./programmes.ts";

const Score = z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5");

export const CreateRiskRequest = z.strictObject({
  programmeId: Uuid,
  title: Text(300),
  description: Text(4_000).nullable().default(null),
  implication: Text(4_000).nullable().default(null),
  mitigation: Text(4_000).nullable().default(null),
  ownerName: Text(200).nullable().default(null),
  likelihood: Score,
  impact: Score,
  status: RiskStatus.default("open"),
});
export type CreateRiskRequest = z.infer<typeof CreateRiskRequest>;

export const UpdateRiskRequest = CreateRiskRequest.omit({ programmeId: true })
  .extend({
    description: Text(4_000).nullable(),
    implication: Text(4_000).nullable(),
    mitigation: Text(4_000).nullable(),
    ownerName: Text(200).nullable(),
    status: RiskStatus,
  })
  .partial()
  .extend({ version: Version });
export type UpdateRiskRequest = z.infer<typeof UpdateRiskRequest>;

export const RiskResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  title: z.string(),
  description: z.string().nullable(),
  implication: z.string().nullable(),
  mitigation: z.string().nullable(),
  ownerName: z.string().nullable(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  status: RiskStatus,
  version: z.number().int(),
});
export type RiskResponse = z.infer<typeof RiskResponse>;

export const CreateDeliverableRequest = z.strictObject({
  programmeId: Uuid,
  workstreamId: Uuid.nullable().default(null),
  description: Text(1_000),
  targetCount: z.number().int().min(1, "must be at least 1"),
  atLeast: z.boolean().default(false),
  dueOn: IsoDate.nullable().default(null),
});
export type CreateDeliverableRequest = z.infer<typeof CreateDeliverableRequest>;

/** Progress on a counted deliverable ("6 of 10 site visits hosted"). */
export const RecordDeliverableProgressRequest = z.strictObject({
  version: Version,
  achievedCount: z.number().int().min(0, "must not be negative"),
});
export type RecordDeliverableProgressRequest = z.infer<typeof RecordDeliverableProgressRequest>;

export const DeliverableResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  workstreamId: Uuid.nullable(),
  description: z.string(),
  targetCount: z.number().int(),
  achievedCount: z.number().int(),
  atLeast: z.boolean(),
  dueOn: IsoDate.nullable(),
  version: z.number().int(),
});
export type DeliverableResponse = z.infer<typeof DeliverableResponse>;

/** A measurement, as a decimal string so no precision is lost ("95.2"). */
const Measurement = z.string().regex(/^-?\d{1,14}(\.\d{1,4})?$/, "must be a number with at most 4 decimal places");

export const RecordBenefitReadingRequest = z.strictObject({
  readOn: IsoDate,
  value: Measurement,
  note: Text(1_000).nullable().default(null),
});
export type RecordBenefitReadingRequest = z.infer<typeof RecordBenefitReadingRequest>;

export const BenefitReadingResponse = z.object({
  id: Uuid,
  benefitId: Uuid,
  readOn: IsoDate,
  value: z.string(),
  note: z.string().nullable(),
});
export type BenefitReadingResponse = z.infer<typeof BenefitReadingResponse>;
