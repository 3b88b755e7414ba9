import { AuditQuery, AuditResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listAuditEvents } from "./list-audit-events.ts";

export const auditRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/audit",
    { config: { access: "audit.read" }, schema: { querystring: AuditQuery, response: { 200: AuditResponse } } },
    (request) => listAuditEvents(fastify.prisma, request.query.entity, request.query.id),
  );
};
