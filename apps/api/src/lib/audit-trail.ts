import type { Prisma } from "@fundline/db";
import { fieldChanges } from "@fundline/domain";
import type { ClientBase } from "pg";
import { declaredRecord } from "./records.ts";
import { assertStaysInScope, isScopedTable, programmeOf, type Scope } from "./scope.ts";

/**
 * Who writes. `scope` is the programmes they may see (set for signed-in users): what they write
 * must stay inside it. `organisationId` is their own council, whose per-council settings they use.
 */
export type Actor = { id: string | null; label: string; scope?: Scope; organisationId?: string };

/** A person as the audit trail names them: "Ada Lovelace <ada@council.example>". */
export const personLabel = (person: { displayName: string; email: string }) =>
  `${person.displayName} <${person.email}>`;

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

function auditEvent(entry: AuditEntry, programmeId: string | null = null) {
  return {
    programmeId,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    changes: fieldChanges(entry.before, entry.after) as Prisma.InputJsonValue,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
  };
}

/**
 * Writes one audit event inside the caller's transaction, so it exists exactly when the change
 * does. Every create, change and retirement passes here, so here too the record is checked to be
 * inside its writer's scope afterwards, by every reference it holds: otherwise the transaction
 * rolls back with a 422, worded as for a missing record.
 */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  // Every audited kind is declared, so none can slip past the check below by its name.
  declaredRecord(entry.entityType);
  if (entry.actor.scope && isScopedTable(entry.entityType)) {
    await assertStaysInScope(tx, entry.actor.scope, entry.entityType, entry.entityId);
  }
  const programmeId = await programmeOf(tx, entry.entityType, entry.entityId);
  await tx.auditEvent.create({ data: auditEvent(entry, programmeId) });
}

/** The same, inside a transaction on a plain pg connection (the spend import's, which COPYs). */
export async function recordAuditOn(client: ClientBase, entry: AuditEntry): Promise<void> {
  const event = auditEvent(entry);
  await client.query(
    `INSERT INTO "AuditEvent" ("actorId", "actorLabel", "entityType", "entityId", action, changes, reason, "requestId")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      event.actorId,
      event.actorLabel,
      event.entityType,
      event.entityId,
      event.action,
      JSON.stringify(event.changes),
      event.reason,
      event.requestId,
    ],
  );
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
