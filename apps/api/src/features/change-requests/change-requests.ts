// Deciding change requests (lib/four-eyes.ts keeps them): another finance officer or an
// administrator of the council approves, and the stored write runs exactly as asked; or rejects
// it with a reason. The person who asked may withdraw it, never approve it.
import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  ApproveChangeRequest,
  ChangeRequestListQuery,
  ChangeRequestListResponse,
  ChangeRequestResponse,
  RejectChangeRequest,
} from "@fundline/schemas";
import { Conflict, Forbidden, NotFound, RuleBroken } from "../../errors.ts";
import { type Actor, personLabel, recordAudit } from "../../lib/audit-trail.ts";
import {
  approvedChangeOf,
  changeRequestInclude,
  loadChangeRequest,
  toChangeRequestResponse,
} from "../../lib/four-eyes.ts";
import { inTransaction, lockForWrite, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type Tx = Prisma.TransactionClient;

/** Which change requests a user sees: their council's (administrators: every council's). */
function visibleTo(actor: Actor): Prisma.ChangeRequestWhereInput {
  if (actor.scope?.organisationId === null) return {};
  return { organisationId: actor.organisationId ?? "00000000-0000-0000-0000-000000000000" };
}

export async function listChangeRequests(
  prisma: PrismaClient,
  query: ChangeRequestListQuery,
  actor: Actor,
): Promise<ChangeRequestListResponse> {
  const where: Prisma.ChangeRequestWhereInput = {
    ...visibleTo(actor),
    status: query.awaitingMe ? "pending" : query.status,
    commitmentId: query.commitmentId,
    programmeId: query.programmeId,
    entityId: query.entityId,
    requestedById: query.awaitingMe ? { not: actor.id ?? undefined } : undefined,
  };
  const [rows, pending] = await Promise.all([
    prisma.changeRequest.findMany({
      where,
      include: changeRequestInclude,
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
    prisma.changeRequest.aggregate({ where: { ...where, status: "pending" }, _sum: { deltaPence: true } }),
  ]);
  return {
    changeRequests: rows.map(toChangeRequestResponse),
    pendingDeltaPence: Number(pending._sum.deltaPence ?? 0n),
  };
}

const changeRequestRecord = (tx: Tx, id: string, version: number) =>
  ({
    table: "ChangeRequest",
    entity: "Change request",
    id,
    expectedVersion: version,
    load: () => tx.changeRequest.findUnique({ where: { id }, include: changeRequestInclude }),
    show: toChangeRequestResponse,
  }) as const;

/** The request, locked and checked: still pending, and the caller's council's to decide. */
async function lockPending(tx: Tx, id: string, version: number, actor: Actor) {
  const { row, shown } = await lockForWrite(tx, changeRequestRecord(tx, id, version));
  if (row.status !== "pending") {
    throw new RuleBroken([{ path: "id", message: `this change request is ${describeStatus(row.status)} already` }]);
  }
  const council = await tx.organisation.findUnique({ where: { id: row.organisationId }, select: { name: true } });
  const ofTheCouncil = actor.scope?.organisationId === null || actor.organisationId === row.organisationId;
  if (!ofTheCouncil) {
    throw new Forbidden(
      `This change is to ${council?.name ?? "another council"}'s books: only its finance officers or an administrator decide it.`,
    );
  }
  return { row, shown, councilName: council?.name ?? "the council" };
}

function describeStatus(status: string): string {
  return status === "outOfDate" ? "out of date" : status;
}

/** Marks a request decided, with its audit event. */
async function decide(
  tx: Tx,
  before: ChangeRequestResponse,
  change: { status: string; note: string | null; entityId?: string },
  write: WriteContext,
): Promise<ChangeRequestResponse> {
  const row = await tx.changeRequest.update({
    where: { id: before.id },
    data: {
      status: change.status,
      decidedById: write.actor.id,
      decidedAt: new Date(),
      decisionNote: change.note,
      entityId: change.entityId,
      version: { increment: 1 },
    },
    include: changeRequestInclude,
  });
  const after = toChangeRequestResponse(row);
  await recordAudit(tx, {
    ...write,
    entityType: "ChangeRequest",
    entityId: before.id,
    action: "update",
    before: { status: before.status, entityId: before.entityId },
    after: { status: after.status, entityId: after.entityId },
    reason: change.note,
  });
  return after;
}

/**
 * Approves a change someone else asked for: the write runs now, as the person who asked it
 * (the approver named with them in the audit trail). If the record changed since it was asked,
 * the request is closed as out of date and the answer is 409, as for any stale write.
 */
export async function approveChangeRequest(
  prisma: PrismaClient,
  { id, input, ...write }: WriteContext & { id: string; input: ApproveChangeRequest },
): Promise<ChangeRequestResponse> {
  const outcome = await inTransaction(prisma, async (tx) => {
    const { row, shown, councilName } = await lockPending(tx, id, input.version, write.actor);
    if (row.requestedById === write.actor.id) {
      throw new Forbidden(
        `You asked for this change: another finance officer or an administrator of ${councilName} must approve it.`,
      );
    }
    const asker = await tx.user.findUniqueOrThrow({
      where: { id: row.requestedById },
      select: { id: true, displayName: true, email: true, organisationId: true },
    });
    const actor: Actor = {
      id: asker.id,
      label: `${personLabel(asker)}, approved by ${write.actor.label}`,
      // The approver is the one acting now: what is written must be inside their scope.
      scope: write.actor.scope,
      organisationId: asker.organisationId ?? undefined,
    };
    await tx.$executeRawUnsafe("SAVEPOINT approval");
    try {
      const written = await approvedChangeOf(row.kind).run(tx, {
        id: row.entityId ?? "",
        input: row.input,
        params: row.params ?? undefined,
        actor,
        requestId: write.requestId,
      });
      const note = input.note ?? null;
      return {
        decided: await decide(tx, shown, { status: "approved", note, entityId: written.id }, write),
        stale: null,
      };
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      // The stale write is undone; the request is closed so that it is asked again afresh.
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT approval");
      await decide(tx, shown, { status: "outOfDate", note: error.message }, write);
      return { decided: null, stale: error, recordName: shown.recordName };
    }
  });
  if (outcome.stale) {
    throw new Conflict(
      `The ${outcome.recordName} changed after this change was asked for, so the request is closed as out of date: ask again from the record as it is now.`,
      outcome.stale.current,
    );
  }
  return outcome.decided as ChangeRequestResponse;
}

/** Rejects a change with the reason; the person who asked it withdraws it the same way. */
export async function rejectChangeRequest(
  tx: Tx,
  { id, input, ...write }: WriteContext & { id: string; input: RejectChangeRequest },
): Promise<ChangeRequestResponse> {
  const { row, shown } = await lockPending(tx, id, input.version, write.actor);
  const status = row.requestedById === write.actor.id ? "withdrawn" : "rejected";
  return decide(tx, shown, { status, note: input.reason }, write);
}

export async function getChangeRequest(prisma: PrismaClient, id: string): Promise<ChangeRequestResponse> {
  const found = await loadChangeRequest(prisma, id);
  if (!found) throw new NotFound("Change request", id);
  return found;
}
