import type { Prisma, PrismaClient } from "@fundline/db";
import type { SpendListQuery, SpendListResponse } from "@fundline/schemas";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { toSpendResponse } from "./spend-response.ts";

export async function listSpend(prisma: PrismaClient, query: SpendListQuery, scope: Scope): Promise<SpendListResponse> {
  const where: Prisma.SpendWhereInput = {
    retiredAt: query.includeRetired ? undefined : null,
    programmeId: query.programmeId,
    costLineId: query.costLineId,
    payingOrganisationId: query.organisationId,
    spentOn: dateWindow(query),
    costLine: { programme: visibleProgrammes(scope) },
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.spend.count({ where }),
    rows: (window) => prisma.spend.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toSpendResponse,
  });
  return { spend: items, ...page };
}
