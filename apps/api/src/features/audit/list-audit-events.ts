import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  AuditEventResponse,
  AuditResponse,
  ProgrammeHistoryQuery,
  ProgrammeHistoryResponse,
} from "@fundline/schemas";
import { listPage } from "../../lib/paging.ts";

function toAuditEventResponse(event: Prisma.AuditEventGetPayload<object>): AuditEventResponse {
  return {
    id: event.id.toString(),
    occurredAt: event.occurredAt.toISOString(),
    actorLabel: event.actorLabel,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    changes: event.changes as AuditEventResponse["changes"],
    reason: event.reason,
    requestId: event.requestId,
  };
}

/** One record's trail, oldest first. */
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
  return { events: events.map(toAuditEventResponse) };
}

/** A programme's history: its own changes and its records', newest first, a page at a time. */
export async function listProgrammeHistory(
  prisma: PrismaClient,
  programmeId: string,
  query: ProgrammeHistoryQuery,
): Promise<ProgrammeHistoryResponse> {
  const where = { programmeId };
  const { items, ...page } = await listPage(
    { ...query, direction: "desc" },
    {
      count: () => prisma.auditEvent.count({ where }),
      rows: (window) => prisma.auditEvent.findMany({ where, orderBy: { id: "desc" }, ...window }),
      show: toAuditEventResponse,
    },
  );
  return { events: items, ...page };
}
