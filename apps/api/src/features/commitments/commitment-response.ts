import type { Prisma } from "@fundline/db";
import { financialYearLabel, penceFromBigInt, toIsoDateOrNull } from "@fundline/domain";
import type { CommitmentInList, CommitmentResponse } from "@fundline/schemas";

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

/** What a list shows beside each commitment: its fund, funder, programme and recipient by name. */
export const forList = {
  ...withProfile,
  fund: { select: { id: true, name: true, funder: { select: { id: true, name: true } } } },
  programme: { select: { id: true, name: true, leadOrganisation: { select: { id: true, name: true } } } },
  recipient: { select: { id: true, name: true } },
  ownerOrganisation: { select: { id: true, name: true } },
} as const;

type Named = { id: string; name: string };

/**
 * The council whose books a commitment (or its receipts and allocations) is in. No owner
 * recorded: the programme's lead, else the recipient, as the migration that placed existing
 * records left them (lib/ownership.ts asks the same, in SQL, before a write).
 */
export function ownerOf(
  commitment: {
    ownerOrganisation: Named | null;
    programme: { leadOrganisation: Named } | null;
    recipient: Named | null;
  },
  record: { ownerOrganisation: Named | null } = commitment,
): Named | null {
  return record.ownerOrganisation ?? commitment.programme?.leadOrganisation ?? commitment.recipient;
}

type CommitmentForList = Prisma.FundingCommitmentGetPayload<{ include: typeof forList }>;
type Totals = { receivedPence: bigint; allocatedPence: bigint; namedSpentPence: bigint };

/** Commitments with their names and running totals (kept by triggers; one indexed read per page). */
export async function toCommitmentsInList(
  prisma: Pick<Prisma.TransactionClient, "commitmentTotal">,
  commitments: CommitmentForList[],
): Promise<(CommitmentInList & { namedSpentPence: number })[]> {
  const totals = await prisma.commitmentTotal.findMany({
    where: { commitmentId: { in: commitments.map((commitment) => commitment.id) } },
  });
  const byCommitment = new Map<string, Totals>(totals.map((total) => [total.commitmentId, total]));
  return commitments.map((commitment) => {
    const total = byCommitment.get(commitment.id);
    return {
      ...toCommitmentResponse(commitment),
      fund: { id: commitment.fund.id, name: commitment.fund.name },
      funder: commitment.fund.funder,
      programme: commitment.programme && { id: commitment.programme.id, name: commitment.programme.name },
      recipient: commitment.recipient,
      owner: ownerOf(commitment),
      receivedPence: penceFromBigInt(total?.receivedPence ?? 0n),
      allocatedPence: penceFromBigInt(total?.allocatedPence ?? 0n),
      namedSpentPence: penceFromBigInt(total?.namedSpentPence ?? 0n),
    };
  });
}
