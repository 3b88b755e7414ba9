import { DashboardQuery, DashboardResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { dashboard } from "./dashboard.ts";

/** The director's view: headline money, milestones and benefits across the programmes in scope. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/dashboard",
    {
      config: { access: "read" },
      schema: { querystring: DashboardQuery, response: { 200: DashboardResponse, ...listErrors } },
    },
    // As at a date, the figures are rebuilt in temporary tables, which a replica cannot hold.
    (request) =>
      fastify.readMayLag(request, (prisma) => dashboard(prisma, request.query, scopeOf(request)), {
        mayLag: !request.query.asAt,
      }),
  );
};
