import type { Prisma, PrismaClient } from "@fundline/db";
import type { SpendInList, SpendListQuery, SpendListResponse } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
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
    rows: (window) => prisma.spend.findMany({ where, include: named, orderBy: orderOf(query), ...window }),
    show: toSpendInList,
  });
  return { spend: items, ...page };
}

/** What a list shows beside each payment: its programme, line, commitment and paying partner by name. */
const named = {
  costLine: {
    select: {
      id: true,
      name: true,
      ledgerCode: true,
      programme: { select: { id: true, name: true, leadOrganisation: { select: { id: true, name: true } } } },
    },
  },
  ownerOrganisation: { select: { id: true, name: true } },
  commitment: { select: { id: true, title: true } },
  payingOrganisation: { select: { id: true, name: true } },
} as const;

function toSpendInList({
  costLine: {
    programme: { leadOrganisation, ...programme },
    ...costLine
  },
  commitment,
  payingOrganisation,
  ownerOrganisation,
  ...spend
}: Prisma.SpendGetPayload<{ include: typeof named }>): SpendInList {
  // No owner recorded: the lead's (as the migration that placed existing records left it).
  const owner = ownerOrganisation ?? leadOrganisation;
  return { ...toSpendResponse(spend), programme, owner, costLine, commitment, payingOrganisation };
}

/** One payment (already checked to be in scope), named as lists show it. */
export async function getSpend(prisma: PrismaClient, id: string): Promise<SpendInList> {
  const spend = await prisma.spend.findUnique({ where: { id }, include: named });
  if (!spend) throw new NotFound("Spend", id);
  return toSpendInList(spend);
}
