import type { Prisma } from "@fundline/db";
import { fromIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type {
  CreateDeliverableRequest,
  DeliverableResponse,
  RecordDeliverableProgressRequest,
} from "@fundline/schemas";
import { changeVersioned } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { assertProgrammeAndWorkstream } from "../programmes/assert-programme.ts";

type Context = { actor: Actor; requestId: string };
type DeliverableRow = Prisma.DeliverableTargetGetPayload<object>;

const toDeliverableResponse = (target: DeliverableRow): DeliverableResponse => ({
  id: target.id,
  programmeId: target.programmeId,
  workstreamId: target.workstreamId,
  description: target.description,
  targetCount: target.targetCount,
  achievedCount: target.achievedCount,
  atLeast: target.atLeast,
  dueOn: toIsoDateOrNull(target.dueOn),
  version: target.version,
});

export async function createDeliverable(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateDeliverableRequest },
): Promise<DeliverableResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId, input.workstreamId);
  const created = await tx.deliverableTarget.create({
    data: { ...input, dueOn: fromIsoDate(input.dueOn) },
  });
  const after = toDeliverableResponse(created);
  await recordAudit(tx, {
    actor,
    entityType: "DeliverableTarget",
    entityId: after.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}

export async function recordDeliverableProgress(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: RecordDeliverableProgressRequest },
): Promise<DeliverableResponse> {
  return changeVersioned(tx, {
    table: "DeliverableTarget",
    entity: "Deliverable",
    id,
    expectedVersion: input.version,
    load: () => tx.deliverableTarget.findUnique({ where: { id } }),
    show: toDeliverableResponse,
    apply: () =>
      tx.deliverableTarget.update({
        where: { id },
        data: { achievedCount: input.achievedCount, version: { increment: 1 } },
      }),
    action: "update",
    actor,
    requestId,
  });
}
