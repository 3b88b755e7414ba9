import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type {
  CreateMilestoneRequest,
  MilestoneListQuery,
  MilestoneResponse,
  RetireRequest,
  UpdateMilestoneRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, auditCreated, recordAudit } from "../../lib/audit-trail.ts";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { assertNotRetired, lockForWrite, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type Context = { actor: Actor; requestId: string };
export const withHistory = {
  history: { orderBy: { changedAt: "asc" }, include: { changedBy: { select: { displayName: true } } } },
} as const;
type MilestoneRow = Prisma.MilestoneGetPayload<{ include: typeof withHistory }>;

export function toMilestoneResponse(milestone: MilestoneRow): MilestoneResponse {
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
    retiredAt: milestone.retiredAt?.toISOString() ?? null,
    history: milestone.history.map((change) => ({
      changedAt: change.changedAt.toISOString(),
      changedBy: change.changedBy?.displayName ?? null,
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

export async function listMilestones(prisma: PrismaClient, query: MilestoneListQuery, scope: Scope) {
  const due = dateWindow(query);
  const where: Prisma.MilestoneWhereInput = {
    programmeId: query.programmeId,
    workstreamId: query.workstreamId,
    status: query.outstanding
      ? { notIn: ["met", "cancelled"], ...(query.status && { equals: query.status }) }
      : query.status,
    programme: visibleProgrammes(scope),
    retiredAt: query.includeRetired ? undefined : null,
    // Due on the forecast date when there is one, else on the baseline.
    OR: due ? [{ forecastOn: due }, { forecastOn: null, baselineOn: due }] : undefined,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.milestone.count({ where }),
    rows: (window) =>
      prisma.milestone.findMany({
        where,
        include: { ...withHistory, programme: { select: { name: true } } },
        orderBy: orderOf(query),
        ...window,
      }),
    show: (row) => ({ ...toMilestoneResponse(row), programmeName: row.programme.name }),
  });
  return { milestones: items, ...page };
}

/** For a milestone recorded in error or dropped from the plan; cancelled ones keep their status instead. */
export function retireMilestone(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<MilestoneResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "Milestone",
    entity: "Milestone",
    id,
    input,
    load: () => tx.milestone.findUnique({ where: { id }, include: withHistory }),
    show: toMilestoneResponse,
    retire: (change) => tx.milestone.update({ where: { id }, data: change, include: withHistory }),
  });
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
  return auditCreated(tx, { actor, requestId }, "Milestone", after);
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
  assertNotRetired(row, "milestone");
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
