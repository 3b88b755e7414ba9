import type { Prisma } from "@fundline/db";
import { fromIsoDate, partsAsPercentages, penceFromBigInt, toIsoDateOrNull } from "@fundline/domain";
import type {
  CreateCostLineRequest,
  CreateCostSharingAgreementRequest,
  CreateDecisionRequest,
  CreateWorkstreamRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { assertProgrammeAndWorkstream } from "../programmes/assert-programme.ts";

type Context = { actor: Actor; requestId: string };

async function audited<T extends { id: string }>(
  tx: Prisma.TransactionClient,
  entityType: string,
  context: Context,
  after: T,
) {
  await recordAudit(tx, { ...context, entityType, entityId: after.id, action: "create", before: null, after });
  return after;
}

async function assertNameFree(found: unknown, name: string) {
  if (found) throw new RuleBroken([{ path: "name", message: `"${name}" is already used in this programme` }]);
}

export async function createWorkstream(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: Context & { programmeId: string; input: CreateWorkstreamRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId);
  await assertNameFree(await tx.workstream.findFirst({ where: { programmeId, name: input.name } }), input.name);
  const { id, name, description, version } = await tx.workstream.create({ data: { ...input, programmeId } });
  return audited(tx, "Workstream", context, { id, programmeId, name, description, version });
}

export async function createCostLine(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: Context & { programmeId: string; input: CreateCostLineRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId, input.workstreamId);
  await assertNameFree(await tx.costLine.findFirst({ where: { programmeId, name: input.name } }), input.name);
  const { id, workstreamId, name, ledgerCode, version } = await tx.costLine.create({ data: { ...input, programmeId } });
  return audited(tx, "CostLine", context, { id, programmeId, workstreamId, name, ledgerCode, version });
}

export async function createCostSharingAgreement(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: Context & { programmeId: string; input: CreateCostSharingAgreementRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId);
  const problems: { path: string; message: string }[] = [];
  if (input.effectiveFrom && input.effectiveTo && input.effectiveTo < input.effectiveFrom) {
    problems.push({ path: "effectiveTo", message: "the agreement cannot end before it starts" });
  }
  if (
    input.costLineId &&
    !(await tx.costLine.findFirst({ where: { id: input.costLineId, programmeId, retiredAt: null } }))
  ) {
    problems.push({ path: "costLineId", message: "no such cost line in this programme" });
  }
  const partnerIds = new Set(
    (await tx.programmePartner.findMany({ where: { programmeId }, select: { organisationId: true } })).map(
      (p) => p.organisationId,
    ),
  );
  const seen = new Set<string>();
  input.shares.forEach((share, index) => {
    if (seen.has(share.organisationId))
      problems.push({ path: `shares.${index}.organisationId`, message: "appears twice" });
    else if (!partnerIds.has(share.organisationId)) {
      problems.push({ path: `shares.${index}.organisationId`, message: "is not a partner of this programme" });
    }
    seen.add(share.organisationId);
  });
  await assertNameFree(
    await tx.costSharingAgreement.findFirst({ where: { programmeId, name: input.name } }),
    input.name,
  );
  if (problems.length) throw new RuleBroken(problems);
  const { shares, ...agreement } = input;
  const created = await tx.costSharingAgreement.create({
    data: {
      ...agreement,
      programmeId,
      effectiveFrom: fromIsoDate(agreement.effectiveFrom),
      effectiveTo: fromIsoDate(agreement.effectiveTo),
      shares: { create: shares },
    },
  });
  const percentages = partsAsPercentages(shares.map((share) => share.parts));
  return audited(tx, "CostSharingAgreement", context, {
    id: created.id,
    programmeId,
    costLineId: created.costLineId,
    name: created.name,
    shares: shares.map((share, index) => ({ ...share, percentage: percentages[index] ?? 0 })),
    version: created.version,
  });
}

export async function createDecision(
  tx: Prisma.TransactionClient,
  { input, ...context }: Context & { input: CreateDecisionRequest },
) {
  if (!(await tx.organisation.findFirst({ where: { id: input.organisationId, retiredAt: null } }))) {
    throw new RuleBroken([{ path: "organisationId", message: `no such organisation: ${input.organisationId}` }]);
  }
  if (input.programmeId) await assertProgrammeAndWorkstream(tx, input.programmeId);
  if (
    input.reference &&
    (await tx.decision.findFirst({ where: { organisationId: input.organisationId, reference: input.reference } }))
  ) {
    throw new RuleBroken([
      { path: "reference", message: `${input.reference} is already recorded for this organisation` },
    ]);
  }
  const created = await tx.decision.create({
    data: {
      ...input,
      decidedOn: fromIsoDate(input.decidedOn),
      publishedOn: fromIsoDate(input.publishedOn),
      amountPence: input.amountPence === null ? null : BigInt(input.amountPence),
    },
  });
  return audited(tx, "Decision", context, {
    id: created.id,
    organisationId: created.organisationId,
    programmeId: created.programmeId,
    reference: created.reference,
    title: created.title,
    decisionType: created.decisionType,
    decisionMaker: created.decisionMaker,
    decidedOn: toIsoDateOrNull(created.decidedOn),
    publishedOn: toIsoDateOrNull(created.publishedOn),
    status: created.status,
    amountPence: created.amountPence === null ? null : penceFromBigInt(created.amountPence),
    version: created.version,
  });
}
