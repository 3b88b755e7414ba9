import type { Prisma } from "@fundline/db";
import { financialYearLabel, penceFromBigInt, toIsoDateOrNull } from "@fundline/domain";
import type { CommitmentResponse } from "@fundline/schemas";

export const withProfile = { profile: { orderBy: { financialYear: "asc" } } } as const;

type CommitmentWithProfile = Prisma.FundingCommitmentGetPayload<{ include: typeof withProfile }>;

export function toCommitmentResponse(commitment: CommitmentWithProfile): CommitmentResponse {
  return {
    id: commitment.id,
    fundId: commitment.fundId,
    programmeId: commitment.programmeId,
    recipientId: commitment.recipientId,
    decisionId: commitment.decisionId,
    title: commitment.title,
    amountPence: penceFromBigInt(commitment.amountPence),
    status: commitment.status,
    awardedOn: toIsoDateOrNull(commitment.awardedOn),
    conditions: commitment.conditions,
    profile: commitment.profile.map((year) => ({
      financialYear: financialYearLabel(year.financialYear),
      amountPence: penceFromBigInt(year.amountPence),
    })),
    version: commitment.version,
    retiredAt: commitment.retiredAt?.toISOString() ?? null,
    retirementReason: commitment.retirementReason,
  };
}
