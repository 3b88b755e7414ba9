import { z } from "zod";
import { Count, DateInput, IsoDate, Text, Uuid, Version } from "./common.ts";
import { DateWindow, Paging, PagingWithoutRetired, pageOf, RetiredAt } from "./paging.ts";
import { DatePrecision, RiskStatus } from "./vocabulary.ts";

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
  retiredAt: RetiredAt,
  version: z.number().int(),
});
export type RiskResponse = z.infer<typeof RiskResponse>;

export const CreateDeliverableRequest = z.strictObject({
  programmeId: Uuid,
  workstreamId: Uuid.nullable().default(null),
  description: Text(1_000),
  targetCount: Count.min(1, "must be at least 1"),
  atLeast: z.boolean().default(false),
  dueOn: DateInput.nullable().default(null),
});
export type CreateDeliverableRequest = z.infer<typeof CreateDeliverableRequest>;

/** Progress on a counted deliverable ("6 of 10 site visits hosted"), or a change to its target. */
export const UpdateDeliverableRequest = z.strictObject({
  version: Version,
  achievedCount: Count.optional(),
  description: Text(1_000).optional(),
  targetCount: Count.min(1, "must be at least 1").optional(),
  atLeast: z.boolean().optional(),
  dueOn: DateInput.nullable().optional(),
  workstreamId: Uuid.nullable().optional(),
});
export type UpdateDeliverableRequest = z.infer<typeof UpdateDeliverableRequest>;

export const DeliverableResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  workstreamId: Uuid.nullable(),
  description: z.string(),
  targetCount: z.number().int(),
  achievedCount: z.number().int(),
  atLeast: z.boolean(),
  dueOn: IsoDate.nullable(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});
export type DeliverableResponse = z.infer<typeof DeliverableResponse>;

/** A measurement, as a decimal string so no precision is lost ("95.2"). */
const Measurement = z.string().regex(/^-?\d{1,14}(\.\d{1,4})?$/, "must be a number with at most 4 decimal places");

export const RecordBenefitReadingRequest = z.strictObject({
  readOn: DateInput,
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
  /** On a programme whose owner approves its readings: submitted until they do. */
  status: z.enum(["submitted", "approved"]),
  enteredBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
});

/** The programme's owner approves a submitted reading (the version read). */
export const ApproveReadingRequest = z.strictObject({ version: Version });
export type ApproveReadingRequest = z.infer<typeof ApproveReadingRequest>;
export type BenefitReadingResponse = z.infer<typeof BenefitReadingResponse>;

export const BenefitType = z.enum(["direct", "indirect"]);
export const BenefitDirection = z.enum(["increase", "decrease", "achieve"]);

export const CreateBenefitRequest = z.strictObject({
  programmeId: Uuid,
  workstreamId: Uuid.nullable().default(null),
  name: Text(300),
  /** How it is measured: "% of children achieving a good level of development". */
  measure: Text(1_000),
  benefitType: BenefitType,
  direction: BenefitDirection,
  /** "%", "children", "pence"… */
  unit: Text(50),
  baselineValue: Measurement.nullable().default(null),
  targetValue: Measurement.nullable().default(null),
  /** For a qualitative target ("improvement plan approved"). */
  targetText: Text(1_000).nullable().default(null),
  expectedBy: DateInput.nullable().default(null),
  expectedByPrecision: DatePrecision.nullable().default(null),
  expectedByLabel: Text(100).nullable().default(null),
});
export type CreateBenefitRequest = z.infer<typeof CreateBenefitRequest>;

export const UpdateBenefitRequest = z.strictObject({
  version: Version,
  workstreamId: Uuid.nullable().optional(),
  name: Text(300).optional(),
  measure: Text(1_000).optional(),
  benefitType: BenefitType.optional(),
  direction: BenefitDirection.optional(),
  unit: Text(50).optional(),
  baselineValue: Measurement.nullable().optional(),
  targetValue: Measurement.nullable().optional(),
  targetText: Text(1_000).nullable().optional(),
  expectedBy: DateInput.nullable().optional(),
  expectedByPrecision: DatePrecision.nullable().optional(),
  expectedByLabel: Text(100).nullable().optional(),
});
export type UpdateBenefitRequest = z.infer<typeof UpdateBenefitRequest>;

export const BenefitResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  workstreamId: Uuid.nullable(),
  name: z.string(),
  measure: z.string(),
  benefitType: BenefitType,
  direction: BenefitDirection,
  unit: z.string(),
  baselineValue: z.string().nullable(),
  targetValue: z.string().nullable(),
  targetText: z.string().nullable(),
  expectedBy: IsoDate.nullable(),
  expectedByPrecision: DatePrecision.nullable(),
  expectedByLabel: z.string().nullable(),
  /** The most recent approved reading, if any: what a director compares with the target. */
  latestReading: z.object({ readOn: IsoDate, value: z.string() }).nullable(),
  /** Readings submitted and waiting for the programme's owner to approve them. */
  readingsAwaitingApproval: z.number().int(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});
export type BenefitResponse = z.infer<typeof BenefitResponse>;

export const RiskListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  status: RiskStatus.optional(),
  /** Likelihood × impact at least this (1–25). */
  minScore: z.coerce.number().int().min(1).max(25).optional(),
  sort: z.enum(["title", "likelihood", "impact", "createdAt"]).default("createdAt"),
  ...Paging,
});
export type RiskListQuery = z.infer<typeof RiskListQuery>;
export const RiskListResponse = pageOf("risks", RiskResponse);

export const DeliverableListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  workstreamId: Uuid.optional(),
  /** Due in this window. */
  ...DateWindow,
  sort: z.enum(["dueOn", "description", "createdAt"]).default("dueOn"),
  ...Paging,
});
export type DeliverableListQuery = z.infer<typeof DeliverableListQuery>;
export const DeliverableListResponse = pageOf("deliverables", DeliverableResponse);

export const BenefitListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  workstreamId: Uuid.optional(),
  benefitType: BenefitType.optional(),
  /** Expected in this window. */
  ...DateWindow,
  sort: z.enum(["name", "expectedBy", "createdAt"]).default("name"),
  ...Paging,
});
export type BenefitListQuery = z.infer<typeof BenefitListQuery>;
export const BenefitListResponse = pageOf("benefits", BenefitResponse);

export const BenefitReadingListQuery = z.strictObject({
  ...DateWindow,
  sort: z.enum(["readOn"]).default("readOn"),
  ...PagingWithoutRetired,
});
export type BenefitReadingListQuery = z.infer<typeof BenefitReadingListQuery>;
export const BenefitReadingListResponse = pageOf("readings", BenefitReadingResponse);
