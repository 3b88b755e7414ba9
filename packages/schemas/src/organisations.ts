import { z } from "zod";
import { DateInput, IsoDate, NonNegativePence, Pence, Text, Uuid, Version } from "./common.ts";
import { Paging, PagingWithoutRetired, pageOf, RetiredAt } from "./paging.ts";
import { FundType, PartnerRole } from "./vocabulary.ts";

export const OrganisationKind = z.enum(["council", "funder", "supplier", "evaluator"]);

/** org-id.guide identifiers look like `GB-LAE-OLD`, `GB-CHC-1145593`, `GB-COH-02081330`. */
const OrgId = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{2,}-[A-Za-z0-9.\-/]+$/, "must be an org-id.guide identifier such as GB-LAE-OLD");

export const CreateOrganisationRequest = z.strictObject({
  name: Text(300),
  identifier: OrgId.nullable().default(null),
  kinds: z.array(OrganisationKind).min(1, "must include at least one kind").max(4),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;

export const UpdateOrganisationRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  identifier: OrgId.nullable().optional(),
  kinds: z.array(OrganisationKind).min(1, "must include at least one kind").max(4).optional(),
  /** A money change above this waits for a second person's approval (£10,000.00 unless set). */
  approvalThresholdPence: NonNegativePence.optional(),
});
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;

export const OrganisationResponse = z.object({
  id: Uuid,
  name: z.string(),
  identifier: z.string().nullable(),
  kinds: z.array(OrganisationKind),
  approvalThresholdPence: Pence,
  retiredAt: RetiredAt,
  version: z.number().int(),
});
export type OrganisationResponse = z.infer<typeof OrganisationResponse>;

export const CreateFundRequest = z.strictObject({
  funderId: Uuid,
  name: Text(300),
  fundType: FundType,
  description: Text(2_000).nullable().default(null),
});
export type CreateFundRequest = z.infer<typeof CreateFundRequest>;

export const FundResponse = z.object({
  id: Uuid,
  funderId: Uuid,
  name: z.string(),
  fundType: FundType,
  description: z.string().nullable(),
  retiredAt: RetiredAt,
  version: z.number().int(),
});
export type FundResponse = z.infer<typeof FundResponse>;

export const AddPartnerRequest = z.strictObject({
  organisationId: Uuid,
  role: PartnerRole,
  joinedOn: DateInput.nullable().default(null),
  withdrewOn: DateInput.nullable().default(null),
  note: Text(1_000).nullable().default(null),
});
export type AddPartnerRequest = z.infer<typeof AddPartnerRequest>;

export const PartnerResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  organisationId: Uuid,
  role: PartnerRole,
  joinedOn: IsoDate.nullable(),
  withdrewOn: IsoDate.nullable(),
  note: z.string().nullable(),
  /** Granted by the lead: may add cost lines and workstreams, and record spend on any line. */
  mayAddCostLines: z.boolean(),
  version: z.number().int(),
});
export type PartnerResponse = z.infer<typeof PartnerResponse>;

export const OrganisationListQuery = z.strictObject({
  kind: OrganisationKind.optional(),
  /** Part of the name, any case. */
  name: Text(300).optional(),
  identifier: Text(100).optional(),
  sort: z.enum(["name", "createdAt"]).default("name"),
  ...Paging,
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;
export const OrganisationListResponse = pageOf("organisations", OrganisationResponse);

export const UpdateFundRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  fundType: FundType.optional(),
  description: Text(2_000).nullable().optional(),
});
export type UpdateFundRequest = z.infer<typeof UpdateFundRequest>;

export const FundListQuery = z.strictObject({
  funderId: Uuid.optional(),
  fundType: FundType.optional(),
  sort: z.enum(["name", "createdAt"]).default("name"),
  ...Paging,
});
export type FundListQuery = z.infer<typeof FundListQuery>;
export const FundListResponse = pageOf("funds", FundResponse);

/** Withdrawal is recorded here (`withdrewOn`, with a note): a partner's history is never deleted. */
export const UpdatePartnerRequest = z.strictObject({
  version: Version,
  role: PartnerRole.optional(),
  joinedOn: DateInput.nullable().optional(),
  withdrewOn: DateInput.nullable().optional(),
  note: Text(1_000).nullable().optional(),
});
export type UpdatePartnerRequest = z.infer<typeof UpdatePartnerRequest>;

/** The lead council grants a partner (or takes back) the right to add to the programme's structure. */
export const PartnerRightsRequest = z.strictObject({ version: Version, mayAddCostLines: z.boolean() });
export type PartnerRightsRequest = z.infer<typeof PartnerRightsRequest>;

export const PartnerListQuery = z.strictObject({
  role: PartnerRole.optional(),
  /** Partners that have withdrawn are listed unless this is false. */
  includeWithdrawn: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  sort: z.enum(["joinedOn", "role", "createdAt"]).default("joinedOn"),
  ...PagingWithoutRetired,
});
export type PartnerListQuery = z.infer<typeof PartnerListQuery>;
export const PartnerListResponse = pageOf("partners", PartnerResponse);
