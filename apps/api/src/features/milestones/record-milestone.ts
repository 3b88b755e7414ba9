import type { Prisma } from "@fundline/db";
import { fromIsoDate, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { CreateMilestoneRequest, MilestoneResponse, UpdateMilestoneRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { lockForWrite } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { assertProgrammeAndWorkstream } from "../programmes/assert-programme.ts";

type Context = { actor: Actor; requestId: string };
const withHistory = { history: { orderBy: { changedAt: "asc" } } } as const;
type MilestoneRow = Prisma.MilestoneGetPayload<{ include: typeof withHistory }>;

function toMilestoneResponse(milestone: MilestoneRow): MilestoneResponse {
  return {
    id: milestone.id,
    programmeId: milestone.programmeId,
    workstreamId: milestone.workstreamId,
    description: milestone.description,
    output: milestone.output,
    ownerName: milestone.ownerName,
    status: milestone.status,
    evidence: milestone.evidence,
    baselineOn: toIsoDate(milestone.baselineOn),
    baselinePrecision: milestone.baselinePrecision,
    baselineLabel: milestone.baselineLabel,
    forecastOn: toIsoDateOrNull(milestone.forecastOn),
    actualOn: toIsoDateOrNull(milestone.actualOn),
    version: milestone.version,
    history: milestone.history.map((change) => ({
      changedAt: change.changedAt.toISOString(),
      statusBefore: change.statusBefore,
      statusAfter: change.statusAfter,
      forecastBefore: toIsoDateOrNull(change.forecastBefore),
      forecastAfter: toIsoDateOrNull(change.forecastAfter),
      actualBefore: toIsoDateOrNull(change.actualBefore),
      actualAfter: toIsoDateOrNull(change.actualAfter),
      note: change.note,
    })),
  };
}

export async function createMilestone(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateMilestoneRequest },
): Promise<MilestoneResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId, input.workstreamId);
  const created = await tx.milestone.create({
    data: {
      ...input,
      baselineOn: fromIsoDate(input.baselineOn),
      forecastOn: fromIsoDate(input.forecastOn) ?? null,
    },
    include: withHistory,
  });
  const after = toMilestoneResponse(created);
  await recordAudit(tx, {
    actor,
    entityType: "Milestone",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}

/** Updates progress; a change of status, forecast or actual date adds a history row. */
export async function updateMilestone(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: UpdateMilestoneRequest },
): Promise<MilestoneResponse> {
  const { row, shown: before } = await lockForWrite(tx, {
    table: "Milestone",
    id,
    expectedVersion: input.version,
    entity: "Milestone",
    load: () => tx.milestone.findUnique({ where: { id }, include: withHistory }),
    show: toMilestoneResponse,
  });
  if (input.status === "met" && !(input.actualOn ?? before.actualOn)) {
    throw new RuleBroken([{ path: "actualOn", message: "a met milestone needs the date it was met" }]);
  }
  const { version: _version, note, ...changes } = input;
  const statusAfter = changes.status ?? row.status;
  const forecastAfter = changes.forecastOn === undefined ? before.forecastOn : changes.forecastOn;
  const actualAfter = changes.actualOn === undefined ? before.actualOn : changes.actualOn;
  const tracked = statusAfter !== row.status || forecastAfter !== before.forecastOn || actualAfter !== before.actualOn;
  await tx.milestone.update({
    where: { id },
    data: {
      ...changes,
      forecastOn: fromIsoDate(changes.forecastOn),
      actualOn: fromIsoDate(changes.actualOn),
      version: { increment: 1 },
    },
  });
  if (tracked) {
    await tx.milestoneChange.create({
      data: {
        milestoneId: id,
        changedById: actor.id,
        statusBefore: row.status,
        statusAfter,
        forecastBefore: row.forecastOn,
        forecastAfter: fromIsoDate(forecastAfter) ?? null,
        actualBefore: row.actualOn,
        actualAfter: fromIsoDate(actualAfter) ?? null,
        note: note ?? null,
      },
    });
  }
  const after = toMilestoneResponse(await tx.milestone.findUniqueOrThrow({ where: { id }, include: withHistory }));
  const { history: _before, ...beforeFields } = before;
  const { history: _after, ...afterFields } = after;
  await recordAudit(tx, {
    actor,
    entityType: "Milestone",
    entityId: id,
    action: "update",
    before: beforeFields,
    after: afterFields,
    reason: note ?? null,
    requestId,
  });
  return after;
}
