import { z } from "zod";
import { DateInput, IsoDate, Text, Uuid, Version } from "./common.ts";
import { DateWindow, Paging, pageOf, RetiredAt } from "./paging.ts";
import { DatePrecision, MilestoneStatus } from "./vocabulary.ts";

export const CreateMilestoneRequest = z.strictObject({
  programmeId: Uuid,
  workstreamId: Uuid.nullable().default(null),
  description: Text(1_000),
  output: Text(1_000).nullable().default(null),
  ownerName: Text(200).nullable().default(null),
  status: MilestoneStatus.default("not_started"),
  baselineOn: DateInput,
  baselinePrecision: DatePrecision.default("day"),
  /** The date as the author wrote it ("Spring 2022"). */
  baselineLabel: Text(100).nullable().default(null),
  forecastOn: DateInput.nullable().default(null),
});
export type CreateMilestoneRequest = z.infer<typeof CreateMilestoneRequest>;

/** Progress on a milestone; every status or date change is kept as history. */
export const UpdateMilestoneRequest = z.strictObject({
  version: Version,
  status: MilestoneStatus.optional(),
  forecastOn: DateInput.nullable().optional(),
  forecastPrecision: DatePrecision.nullable().optional(),
  forecastLabel: Text(100).nullable().optional(),
  actualOn: DateInput.nullable().optional(),
  evidence: Text(4_000).nullable().optional(),
  ownerName: Text(200).nullable().optional(),
  /** Why the change was made, kept in the history. */
  note: Text(1_000).optional(),
});
export type UpdateMilestoneRequest = z.infer<typeof UpdateMilestoneRequest>;

export const MilestoneResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  workstreamId: Uuid.nullable(),
  description: z.string(),
  output: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: MilestoneStatus,
  evidence: z.string().nullable(),
  baselineOn: IsoDate,
  baselinePrecision: DatePrecision,
  baselineLabel: z.string().nullable(),
  forecastOn: IsoDate.nullable(),
  actualOn: IsoDate.nullable(),
  version: z.number().int(),
  retiredAt: RetiredAt,
  history: z.array(
    z.object({
      changedAt: z.string(),
      /** Who made the change, by name (null: a change from before names were kept, or the seed). */
      changedBy: z.string().nullable(),
      statusBefore: MilestoneStatus.nullable(),
      statusAfter: MilestoneStatus.nullable(),
      forecastBefore: IsoDate.nullable(),
      forecastAfter: IsoDate.nullable(),
      actualBefore: IsoDate.nullable(),
      actualAfter: IsoDate.nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type MilestoneResponse = z.infer<typeof MilestoneResponse>;

export const MilestoneListQuery = z.strictObject({
  programmeId: Uuid.optional(),
  workstreamId: Uuid.optional(),
  status: MilestoneStatus.optional(),
  /** Only milestones still to be met: neither met nor cancelled. */
  outstanding: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** Due in this window: the forecast date where there is one, else the baseline. */
  ...DateWindow,
  sort: z.enum(["baselineOn", "forecastOn", "sortOrder", "status", "createdAt"]).default("baselineOn"),
  ...Paging,
});
export type MilestoneListQuery = z.infer<typeof MilestoneListQuery>;
/** In a list across programmes, each milestone says which programme it is in. */
export const MilestoneInList = MilestoneResponse.extend({ programmeName: z.string() });
export type MilestoneInList = z.infer<typeof MilestoneInList>;
export const MilestoneListResponse = pageOf("milestones", MilestoneInList);
