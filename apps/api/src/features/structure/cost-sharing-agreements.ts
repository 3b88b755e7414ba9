import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, partsAsPercentages, toIsoDateOrNull } from "@fundline/domain";
import type {
  CostSharingAgreementListQuery,
  CreateCostSharingAgreementRequest,
  RetireRequest,
  UpdateCostSharingAgreementRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { missingReferences, type Problem } from "../../lib/references.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import { assertNameFreeInProgramme } from "./workstreams.ts";
import "./records.ts";

// Largest share first, then a stable order.
export const withShares = {
  shares: { orderBy: [{ parts: "desc" as const }, { organisationId: "asc" as const }] },
} satisfies Prisma.CostSharingAgreementInclude;
type AgreementRow = Prisma.CostSharingAgreementGetPayload<{ include: typeof withShares }>;

export const toAgreementResponse = (row: AgreementRow) => {
  const percentages = partsAsPercentages(row.shares.map((share) => share.parts));
  return {
    id: row.id,
    programmeId: row.programmeId,
    costLineId: row.costLineId,
    name: row.name,
    description: row.description,
    effectiveFrom: toIsoDateOrNull(row.effectiveFrom),
    effectiveTo: toIsoDateOrNull(row.effectiveTo),
    shares: row.shares.map((share, index) => ({
      organisationId: share.organisationId,
      parts: share.parts,
      percentage: percentages[index] ?? 0,
    })),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    version: row.version,
  };
};

export async function listCostSharingAgreements(
  prisma: PrismaClient,
  programmeId: string,
  query: CostSharingAgreementListQuery,
) {
  await assertProgrammeAndWorkstream(prisma, programmeId);
  const where: Prisma.CostSharingAgreementWhereInput = {
    programmeId,
    costLineId: query.costLineId,
    shares: query.organisationId ? { some: { organisationId: query.organisationId } } : undefined,
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.costSharingAgreement.count({ where }),
    rows: (window) =>
      prisma.costSharingAgreement.findMany({ where, include: withShares, orderBy: orderOf(query), ...window }),
    show: toAgreementResponse,
  });
  return { costSharingAgreements: items, ...page };
}

/** The rules an agreement's terms must meet, whether new or changed. */
async function agreementProblems(
  tx: Prisma.TransactionClient,
  programmeId: string,
  terms: {
    costLineId?: string | null;
    effectiveFrom?: string | null;
    effectiveTo?: string | null;
    shares?: { organisationId: string }[];
  },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (terms.effectiveFrom && terms.effectiveTo && terms.effectiveTo < terms.effectiveFrom) {
    problems.push({
      path: "effectiveTo",
      message: `the agreement cannot end (${terms.effectiveTo}) before it starts (${terms.effectiveFrom})`,
    });
  }
  problems.push(
    ...(await missingReferences(tx, [
      { path: "costLineId", table: "CostLine", id: terms.costLineId, inProgramme: programmeId },
    ])),
  );
  if (terms.shares) {
    const partnerIds = new Set(
      (await tx.programmePartner.findMany({ where: { programmeId }, select: { organisationId: true } })).map(
        (partner) => partner.organisationId,
      ),
    );
    const seen = new Set<string>();
    terms.shares.forEach((share, index) => {
      if (seen.has(share.organisationId)) {
        problems.push({ path: `shares.${index}.organisationId`, message: "appears twice" });
      } else if (!partnerIds.has(share.organisationId)) {
        problems.push({ path: `shares.${index}.organisationId`, message: "is not a partner of this programme" });
      }
      seen.add(share.organisationId);
    });
  }
  return problems;
}

export async function createCostSharingAgreement(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: WriteContext & { programmeId: string; input: CreateCostSharingAgreementRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId);
  const problems = await agreementProblems(tx, programmeId, input);
  if (problems.length) throw new RuleBroken(problems);
  await assertNameFreeInProgramme((where) => tx.costSharingAgreement.findFirst({ where }), programmeId, input.name);
  const { shares, changeReason: _why, ...agreement } = input;
  const after = toAgreementResponse(
    await tx.costSharingAgreement.create({
      data: {
        ...agreement,
        programmeId,
        ownerOrganisationId: await owningCouncil(tx, context.actor.organisationId, programmeId),
        effectiveFrom: fromIsoDate(agreement.effectiveFrom),
        effectiveTo: fromIsoDate(agreement.effectiveTo),
        shares: { create: shares },
      },
      include: withShares,
    }),
  );
  return auditCreated(tx, context, "CostSharingAgreement", after);
}

export function updateCostSharingAgreement(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateCostSharingAgreementRequest },
) {
  const { version, shares, changeReason: _why, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "CostSharingAgreement",
    entity: "Cost-sharing agreement",
    id,
    expectedVersion: version,
    load: () => tx.costSharingAgreement.findUnique({ where: { id }, include: withShares }),
    show: toAgreementResponse,
    check: async (row, current) => {
      const problems = await agreementProblems(tx, row.programmeId, {
        costLineId: changes.costLineId,
        effectiveFrom: changes.effectiveFrom === undefined ? current.effectiveFrom : changes.effectiveFrom,
        effectiveTo: changes.effectiveTo === undefined ? current.effectiveTo : changes.effectiveTo,
        shares,
      });
      if (problems.length) throw new RuleBroken(problems);
      if (changes.name) {
        await assertNameFreeInProgramme(
          (where) => tx.costSharingAgreement.findFirst({ where }),
          row.programmeId,
          changes.name,
          id,
        );
      }
    },
    apply: () =>
      tx.costSharingAgreement.update({
        where: { id },
        data: {
          ...changes,
          effectiveFrom: fromIsoDate(changes.effectiveFrom),
          effectiveTo: fromIsoDate(changes.effectiveTo),
          shares: shares ? { deleteMany: {}, create: shares } : undefined,
          version: { increment: 1 },
        },
        include: withShares,
      }),
    action: "update",
  });
}

export function retireCostSharingAgreement(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
) {
  return retireVersioned(tx, {
    ...context,
    table: "CostSharingAgreement",
    entity: "Cost-sharing agreement",
    id,
    input,
    load: () => tx.costSharingAgreement.findUnique({ where: { id }, include: withShares }),
    show: toAgreementResponse,
    retire: (change) => tx.costSharingAgreement.update({ where: { id }, data: change, include: withShares }),
  });
}
