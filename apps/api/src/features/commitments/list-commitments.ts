import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate } from "@fundline/domain";
import type { CommitmentListQuery, CommitmentListResponse } from "@fundline/schemas";
import { listPage, orderOf, yearOf } from "../../lib/paging.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";

export async function listCommitments(
  prisma: PrismaClient,
  query: CommitmentListQuery,
  scope: Scope,
): Promise<CommitmentListResponse> {
  const where: Prisma.FundingCommitmentWhereInput = {
    retiredAt: query.includeRetired ? undefined : null,
    programmeId: query.programmeId,
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
      prisma.fundingCommitment.findMany({ where, include: withProfile, orderBy: orderOf(query), ...window }),
    show: toCommitmentResponse,
  });
  return { commitments: items, ...page };
}
