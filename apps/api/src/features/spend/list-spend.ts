import type { Prisma, PrismaClient } from "@fundline/db";
import { financialYearBounds, fromIsoDate } from "@fundline/domain";
import type { SpendListQuery, SpendListResponse } from "@fundline/schemas";
import { yearOf } from "../commitments/list-commitments.ts";
import { toSpendResponse } from "./spend-response.ts";

export async function listSpend(prisma: PrismaClient, query: SpendListQuery): Promise<SpendListResponse> {
  const year = query.financialYear ? financialYearBounds(yearOf(query.financialYear)) : undefined;
  const from = [query.from, year?.firstDay].filter(Boolean).sort().at(-1);
  const to = [query.to, year?.lastDay].filter(Boolean).sort().at(0);
  const where: Prisma.SpendWhereInput = {
    retiredAt: query.includeRetired ? undefined : null,
    programmeId: query.programmeId,
    costLineId: query.costLineId,
    payingOrganisationId: query.organisationId,
    spentOn: from || to ? { gte: fromIsoDate(from), lte: fromIsoDate(to) } : undefined,
  };
  const [total, rows] = await Promise.all([
    prisma.spend.count({ where }),
    prisma.spend.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { spend: rows.map(toSpendResponse), total, page: query.page, pageSize: query.pageSize };
}
