import type { Prisma } from "@fundline/db";
import type { CreateRiskRequest, RiskResponse, UpdateRiskRequest } from "@fundline/schemas";
import { changeVersioned } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { assertProgrammeAndWorkstream } from "../programmes/assert-programme.ts";

type Context = { actor: Actor; requestId: string };
type RiskRow = Prisma.RiskGetPayload<object>;

const toRiskResponse = (risk: RiskRow): RiskResponse => ({
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
  version: risk.version,
});

export async function createRisk(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateRiskRequest },
): Promise<RiskResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId);
  const after = toRiskResponse(await tx.risk.create({ data: input }));
  await recordAudit(tx, {
    actor,
    entityType: "Risk",
    entityId: after.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}

export async function updateRisk(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: UpdateRiskRequest },
): Promise<RiskResponse> {
  const { version: _version, ...changes } = input;
  return changeVersioned(tx, {
    table: "Risk",
    entity: "Risk",
    id,
    expectedVersion: input.version,
    load: () => tx.risk.findUnique({ where: { id } }),
    show: toRiskResponse,
    apply: () => tx.risk.update({ where: { id }, data: { ...changes, version: { increment: 1 } } }),
    action: "update",
    actor,
    requestId,
  });
}
