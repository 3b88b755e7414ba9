import {
  AuditQuery,
  AuditResponse,
  ProgrammeHistoryQuery,
  ProgrammeHistoryResponse,
  ProgrammeParams,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Forbidden } from "../../errors.ts";
import { listErrors } from "../../lib/paging.ts";
import { assertInScope, isScopedTable } from "../../lib/scope.ts";
import { listAuditEvents, listProgrammeHistory } from "./list-audit-events.ts";

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

  // A programme's history is part of the programme: whoever may read the programme reads who
  // changed it and its records, and how. The whole trail stays behind audit.read.
  fastify.get(
    "/programmes/:id/history",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: ProgrammeParams,
        querystring: ProgrammeHistoryQuery,
        response: { 200: ProgrammeHistoryResponse, ...listErrors },
      },
    },
    (request) => listProgrammeHistory(fastify.prisma, request.params.id, request.query),
  );
};
