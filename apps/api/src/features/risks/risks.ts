import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  CreateRiskRequest,
  RetireRequest,
  RiskListQuery,
  RiskResponse,
  UpdateRiskRequest,
} from "@fundline/schemas";
import { auditCreated } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type RiskRow = Prisma.RiskGetPayload<object>;

export const toRiskResponse = (risk: RiskRow): RiskResponse => ({
  id: risk.id,
  programmeId: risk.programmeId,
  title: risk.title,
  description: risk.description,
  implication: risk.implication,
  mitigation: risk.mitigation,
  ownerName: risk.ownerName,
  likelihood: risk.likelihood,
  impact: risk.impact,
  status: risk.status,
  retiredAt: risk.retiredAt?.toISOString() ?? null,
  version: risk.version,
});

/** Likelihood × impact ≥ score, as the (at most 25) pairs that reach it, so the filter stays in SQL. */
function scoresAtLeast(score: number) {
  const pairs: { likelihood: number; impact: number }[] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) if (likelihood * impact >= score) pairs.push({ likelihood, impact });
  }
  return pairs;
}

export async function listRisks(prisma: PrismaClient, query: RiskListQuery, scope: Scope) {
  const where: Prisma.RiskWhereInput = {
    programmeId: query.programmeId,
    status: query.status,
    programme: visibleProgrammes(scope),
    OR: query.minScore === undefined ? undefined : scoresAtLeast(query.minScore),
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.risk.count({ where }),
    rows: (window) => prisma.risk.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toRiskResponse,
  });
  return { risks: items, ...page };
}

export async function createRisk(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateRiskRequest },
): Promise<RiskResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId);
  const after = toRiskResponse(await tx.risk.create({ data: input }));
  return auditCreated(tx, context, "Risk", after);
}

export function updateRisk(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateRiskRequest },
): Promise<RiskResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Risk",
    entity: "Risk",
    id,
    expectedVersion: version,
    load: () => tx.risk.findUnique({ where: { id } }),
    show: toRiskResponse,
    apply: () => tx.risk.update({ where: { id }, data: { ...changes, version: { increment: 1 } } }),
    action: "update",
  });
}

/** For a risk recorded in error; a risk that passed is closed (a status), not retired. */
export function retireRisk(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<RiskResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "Risk",
    entity: "Risk",
    id,
    input,
    load: () => tx.risk.findUnique({ where: { id } }),
    show: toRiskResponse,
    retire: (change) => tx.risk.update({ where: { id }, data: change }),
  });
}
