import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, parseFinancialYearLabel } from "@fundline/domain";
import type { CommitmentListQuery, CommitmentListResponse } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";

export async function listCommitments(
  prisma: PrismaClient,
  query: CommitmentListQuery,
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
  };
  const [total, rows] = await Promise.all([
    prisma.fundingCommitment.count({ where }),
    prisma.fundingCommitment.findMany({
      where,
      include: withProfile,
      orderBy: [{ [query.sort]: query.direction }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { commitments: rows.map(toCommitmentResponse), total, page: query.page, pageSize: query.pageSize };
}

export function yearOf(label: string): number {
  try {
    return parseFinancialYearLabel(label);
  } catch (error) {
    throw new RuleBroken([{ path: "query.financialYear", message: (error as Error).message }]);
  }
}
