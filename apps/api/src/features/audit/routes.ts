import { AuditQuery, AuditResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Forbidden } from "../../errors.ts";
import { listErrors } from "../../lib/paging.ts";
import { assertInScope, isScopedTable } from "../../lib/scope.ts";
import { listAuditEvents } from "./list-audit-events.ts";

// Reference data anyone with the audit permission may trace; other unscoped records (users,
// role policies) are administrators' business.
const REFERENCE_ENTITIES = new Set(["Organisation", "Fund"]);

export const auditRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/audit",
    {
      config: { access: "audit.read" },
      schema: { querystring: AuditQuery, response: { 200: AuditResponse, ...listErrors } },
    },
    async (request) => {
      const { entity, id } = request.query;
      if (isScopedTable(entity)) {
        await assertInScope(fastify.prisma, request, [{ table: entity, in: "query", field: "id" }], "audit.read");
      } else if (!REFERENCE_ENTITIES.has(entity) && request.principal?.role !== "administrator") {
        throw new Forbidden("Only administrators can read the audit trail of this kind of record.");
      }
      return listAuditEvents(fastify.prisma, entity, id);
    },
  );
};
