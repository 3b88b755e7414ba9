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
    (request) => dashboard(fastify.prisma, request.query, scopeOf(request)),
  );
};
