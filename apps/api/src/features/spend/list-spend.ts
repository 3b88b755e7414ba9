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
    commitmentId: query.commitmentId,
    payingOrganisationId: query.organisationId,
    spentOn: dateWindow(query),
    costLine: { programme: visibleProgrammes(scope) },
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.spend.count({ where }),
    rows: (window) =>
      prisma.spend.findMany({
        where,
        include: {
          costLine: {
            select: { id: true, name: true, ledgerCode: true, programme: { select: { id: true, name: true } } },
          },
          commitment: { select: { id: true, title: true } },
          payingOrganisation: { select: { id: true, name: true } },
        },
        orderBy: orderOf(query),
        ...window,
      }),
    show: ({ costLine: { programme, ...costLine }, commitment, payingOrganisation, ...spend }) => ({
      ...toSpendResponse(spend),
      programme,
      costLine,
      commitment,
      payingOrganisation,
    }),
  });
  return { spend: items, ...page };
}
