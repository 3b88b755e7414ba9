import { z } from "zod";
import { DateInput, IsoDate, NonNegativePence, Pence, Text, Uuid, Version } from "./common.ts";
import { BenefitResponse, DeliverableResponse, RiskResponse } from "./delivery.ts";
import { MilestoneResponse } from "./milestones.ts";
import { DateWindow, Paging, pageOf } from "./paging.ts";
import { CommitmentStatus, FundType, GovernanceStage, PartnerRole, ProgrammeStatus } from "./vocabulary.ts";

export const OrganisationRef = z.object({ id: Uuid, name: z.string() });

/** A programme with the money figures a director scans first, all computed in SQL. */
export const ProgrammeSummary = z.object({
  id: Uuid,
  name: z.string(),
  leadOrganisation: OrganisationRef,
  status: ProgrammeStatus,
  /** Awarded or received commitments, not retired. */
  committedPence: Pence,
  /** Allocations to the programme's cost lines, not retired. */
  allocatedPence: Pence,
  /** Spend to date, credit notes netted off, not retired. */
  spentPence: Pence,
  retiredAt: z.string().nullable(),
  version: z.number().int(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

export const ProgrammeListQuery = z.strictObject({
  /** Programmes this organisation leads or is a partner in. */
  organisationId: Uuid.optional(),
  /** Programmes this funder has awarded money to. */
  funderId: Uuid.optional(),
  status: ProgrammeStatus.optional(),
  /** Programmes running at some point in this window. */
  ...DateWindow,
  sort: z.enum(["name", "startOn", "endOn", "committedPence", "spentPence", "createdAt"]).default("name"),
  ...Paging,
});
export type ProgrammeListQuery = z.infer<typeof ProgrammeListQuery>;

export const ProgrammeListResponse = pageOf("programmes", ProgrammeSummary).extend({
  /** Across every programme that matches, not just this page. */
  totals: z.object({ committedPence: Pence, allocatedPence: Pence, spentPence: Pence }),
});
export type ProgrammeListResponse = z.infer<typeof ProgrammeListResponse>;

export const ProgrammeParams = z.object({ id: Uuid });

const CommitmentInProgramme = z.object({
  id: Uuid,
  title: z.string(),
  fund: z.object({ id: Uuid, name: z.string(), fundType: FundType }),
  funder: OrganisationRef,
  amountPence: Pence,
  status: CommitmentStatus,
  awardedOn: IsoDate.nullable(),
  conditions: z.string().nullable(),
  decision: z.object({ id: Uuid, title: z.string(), decidedOn: IsoDate.nullable(), status: z.string() }).nullable(),
  recipientId: Uuid.nullable(),
  profile: z.array(z.object({ financialYear: z.string(), amountPence: Pence })),
  receivedPence: Pence,
  allocatedPence: Pence,
  version: z.number().int(),
});

const CostLineInProgramme = z.object({
  id: Uuid,
  name: z.string(),
  workstreamId: Uuid.nullable(),
  /** What a ledger import matches to this line (`EY-DSDL`). */
  ledgerCode: z.string().nullable(),
  allocatedPence: Pence,
  spentPence: Pence,
  allocations: z.array(
    z.object({
      id: Uuid,
      commitmentId: Uuid,
      amountPence: Pence,
      note: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
  version: z.number().int(),
});

export const ProgrammeDetail = ProgrammeSummary.extend({
  summary: z.string().nullable(),
  governanceStage: GovernanceStage.nullable(),
  startOn: IsoDate.nullable(),
  endOn: IsoDate.nullable(),
  totalCostPence: Pence.nullable(),
  version: z.number().int(),
  /** The programme's owner, who approves its KPI readings; null: they need no approval. */
  readingsApprover: z.object({ id: Uuid, displayName: z.string() }).nullable(),
  partners: z.array(
    z.object({
      id: Uuid,
      organisation: OrganisationRef,
      role: PartnerRole,
      joinedOn: IsoDate.nullable(),
      withdrewOn: IsoDate.nullable(),
      note: z.string().nullable(),
      mayAddCostLines: z.boolean(),
      version: z.number().int(),
    }),
  ),
  workstreams: z.array(
    z.object({ id: Uuid, name: z.string(), description: z.string().nullable(), version: z.number().int() }),
  ),
  commitments: z.array(CommitmentInProgramme),
  costLines: z.array(CostLineInProgramme),
  costSharingAgreements: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      costLineId: Uuid.nullable(),
      description: z.string().nullable(),
      effectiveFrom: IsoDate.nullable(),
      effectiveTo: IsoDate.nullable(),
      shares: z.array(z.object({ organisation: OrganisationRef, parts: z.number().int(), percentage: z.number() })),
      version: z.number().int(),
    }),
  ),
  milestones: z.array(
    MilestoneResponse.extend({
      /** Days between the baseline and the actual (or else forecast) date; positive is late. */
      slippageDays: z.number().int().nullable(),
    }),
  ),
  deliverableTargets: z.array(DeliverableResponse),
  benefits: z.array(BenefitResponse),
  risks: z.array(RiskResponse),
});
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

export const CreateProgrammeRequest = z.strictObject({
  name: Text(300),
  summary: Text(4_000).nullable().default(null),
  leadOrganisationId: Uuid,
  status: ProgrammeStatus.default("proposed"),
  governanceStage: GovernanceStage.nullable().default(null),
  startOn: DateInput.nullable().default(null),
  endOn: DateInput.nullable().default(null),
  totalCostPence: NonNegativePence.nullable().default(null),
});
export type CreateProgrammeRequest = z.infer<typeof CreateProgrammeRequest>;

export const UpdateProgrammeRequest = z.strictObject({
  version: Version,
  name: Text(300).optional(),
  summary: Text(4_000).nullable().optional(),
  status: ProgrammeStatus.optional(),
  governanceStage: GovernanceStage.nullable().optional(),
  startOn: DateInput.nullable().optional(),
  endOn: DateInput.nullable().optional(),
  totalCostPence: NonNegativePence.nullable().optional(),
  /** The programme's owner, who approves its KPI readings; null: readings need no approval. */
  readingsApproverId: Uuid.nullable().optional(),
});
export type UpdateProgrammeRequest = z.infer<typeof UpdateProgrammeRequest>;
