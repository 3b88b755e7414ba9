import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate } from "@fundline/domain";
import type { CommitmentDetail, CommitmentListQuery, CommitmentListResponse } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import { listPage, orderOf, yearOf } from "../../lib/paging.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { toAllocationResponse } from "../allocations/index.ts";
import { toReceiptResponse } from "../receipts/index.ts";
import { forList, ownerOf, toCommitmentsInList } from "./commitment-response.ts";

export async function listCommitments(
  prisma: PrismaClient,
  query: CommitmentListQuery,
  scope: Scope,
): Promise<CommitmentListResponse> {
  const where: Prisma.FundingCommitmentWhereInput = {
    retiredAt: query.includeRetired ? undefined : null,
    programmeId: query.unassigned ? null : query.programmeId,
    recipientId: query.organisationId,
    status: query.status,
    fund: query.funderId ? { funderId: query.funderId } : undefined,
    profile: query.financialYear ? { some: { financialYear: yearOf(query.financialYear) } } : undefined,
    awardedOn:
      query.awardedFrom || query.awardedTo
        ? { gte: fromIsoDate(query.awardedFrom), lte: fromIsoDate(query.awardedTo) }
        : undefined,
    // Grants not yet tied to a programme are seen by their recipient.
    OR:
      scope.organisationId === null
        ? undefined
        : [{ programme: visibleProgrammes(scope) }, { programmeId: null, recipientId: scope.organisationId }],
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.fundingCommitment.count({ where }),
    rows: (window) =>
      prisma.fundingCommitment.findMany({ where, include: forList, orderBy: orderOf(query), ...window }),
    show: (commitment) => commitment,
  });
  // The list's schema answers the list's fields (a commitment's page adds the spend naming it).
  return { commitments: await toCommitmentsInList(prisma, items), ...page };
}

/** One commitment (already checked to be in scope) with its receipts and allocations. */
export async function getCommitment(prisma: PrismaClient, id: string): Promise<CommitmentDetail> {
  const commitment = await prisma.fundingCommitment.findUnique({
    where: { id },
    include: {
      ...forList,
      receipts: {
        where: { retiredAt: null },
        include: { ownerOrganisation: { select: { id: true, name: true } } },
        orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
      },
      allocations: {
        where: { retiredAt: null },
        include: {
          costLine: { select: { id: true, name: true } },
          ownerOrganisation: { select: { id: true, name: true } },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!commitment) throw new NotFound("Commitment", id);
  const [shown] = await toCommitmentsInList(prisma, [commitment]);
  if (!shown) throw new NotFound("Commitment", id);
  return {
    ...shown,
    receipts: commitment.receipts.map((receipt) => ({
      ...toReceiptResponse(receipt),
      owner: ownerOf(commitment, receipt),
    })),
    allocations: commitment.allocations.map((allocation) => ({
      ...toAllocationResponse(allocation),
      costLine: allocation.costLine,
      owner: ownerOf(commitment, allocation),
    })),
  };
}
