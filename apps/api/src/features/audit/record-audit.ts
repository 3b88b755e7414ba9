import type { Prisma } from "@fundline/db";
import { fieldChanges } from "@fundline/domain";

export type Actor = { id: string | null; label: string };

export type AuditEntry = {
  actor: Actor;
  entityType: string;
  entityId: string;
  action: "create" | "update" | "retire" | "reinstate" | "import" | "reverse";
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null;
  requestId?: string | null;
};

/** Writes one audit event inside the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      changes: fieldChanges(entry.before, entry.after) as Prisma.InputJsonValue,
      reason: entry.reason ?? null,
      requestId: entry.requestId ?? null,
    },
  });
}

/** Audits a record just created, in the same transaction, and returns it: how every create ends. */
export async function auditCreated<Shown extends { id: string }>(
  tx: Prisma.TransactionClient,
  context: { actor: Actor; requestId?: string | null },
  entityType: string,
  after: Shown,
): Promise<Shown> {
  await recordAudit(tx, { ...context, entityType, entityId: after.id, action: "create", before: null, after });
  return after;
}
