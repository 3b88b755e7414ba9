import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type {
  CreateDeliverableRequest,
  DeliverableListQuery,
  DeliverableResponse,
  RetireRequest,
  UpdateDeliverableRequest,
} from "@fundline/schemas";
import { auditCreated } from "../../lib/audit-trail.ts";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type DeliverableRow = Prisma.DeliverableTargetGetPayload<object>;

export const toDeliverableResponse = (target: DeliverableRow): DeliverableResponse => ({
  id: target.id,
  programmeId: target.programmeId,
  workstreamId: target.workstreamId,
  description: target.description,
  targetCount: target.targetCount,
  achievedCount: target.achievedCount,
  atLeast: target.atLeast,
  dueOn: toIsoDateOrNull(target.dueOn),
  retiredAt: target.retiredAt?.toISOString() ?? null,
  version: target.version,
});

export async function listDeliverables(prisma: PrismaClient, query: DeliverableListQuery, scope: Scope) {
  const where: Prisma.DeliverableTargetWhereInput = {
    programmeId: query.programmeId,
    workstreamId: query.workstreamId,
    dueOn: dateWindow(query),
    programme: visibleProgrammes(scope),
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.deliverableTarget.count({ where }),
    rows: (window) => prisma.deliverableTarget.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toDeliverableResponse,
  });
  return { deliverables: items, ...page };
}

export async function createDeliverable(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateDeliverableRequest },
): Promise<DeliverableResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId, input.workstreamId);
  const after = toDeliverableResponse(
    await tx.deliverableTarget.create({ data: { ...input, dueOn: fromIsoDate(input.dueOn) } }),
  );
  return auditCreated(tx, context, "DeliverableTarget", after);
}

/** Progress ("6 of 10 hosted") or a change to the target itself. */
export function updateDeliverable(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateDeliverableRequest },
): Promise<DeliverableResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "DeliverableTarget",
    entity: "Deliverable",
    id,
    expectedVersion: version,
    load: () => tx.deliverableTarget.findUnique({ where: { id } }),
    show: toDeliverableResponse,
    check: async (row) => {
      if (changes.workstreamId) await assertProgrammeAndWorkstream(tx, row.programmeId, changes.workstreamId);
    },
    apply: () =>
      tx.deliverableTarget.update({
        where: { id },
        data: { ...changes, dueOn: fromIsoDate(changes.dueOn), version: { increment: 1 } },
      }),
    action: "update",
  });
}

export function retireDeliverable(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<DeliverableResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "DeliverableTarget",
    entity: "Deliverable",
    id,
    input,
    load: () => tx.deliverableTarget.findUnique({ where: { id } }),
    show: toDeliverableResponse,
    retire: (change) => tx.deliverableTarget.update({ where: { id }, data: change }),
  });
}
