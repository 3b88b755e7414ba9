import type { PrismaClient } from "@fundline/db";
import type { AuditResponse } from "@fundline/schemas";

export async function listAuditEvents(
  prisma: PrismaClient,
  entityType: string,
  entityId: string,
): Promise<AuditResponse> {
  const events = await prisma.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: { id: "asc" },
    take: 1_000,
  });
  return {
    events: events.map((event) => ({
      id: event.id.toString(),
      occurredAt: event.occurredAt.toISOString(),
      actorLabel: event.actorLabel,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      changes: event.changes as AuditResponse["events"][number]["changes"],
      reason: event.reason,
      requestId: event.requestId,
    })),
  };
}
