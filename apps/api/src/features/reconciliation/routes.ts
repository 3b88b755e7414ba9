import {
  IdParams,
  PortfolioReconciliation,
  PortfolioReconciliationQuery,
  ProgrammeReconciliation,
  ProgrammeReconciliationQuery,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { reconcilePortfolio } from "./portfolio-reconciliation.ts";
import { reconcileProgramme } from "./programme-reconciliation.ts";

/** Does the money add up, and where it does not, why. */
export const reconciliationRoutes: FastifyPluginAsyncZod<{ keepPortfolio: boolean }> = async (fastify, options) => {
  fastify.get(
    "/reconciliation",
    {
      config: { access: "read" },
      schema: { querystring: PortfolioReconciliationQuery, response: { 200: PortfolioReconciliation, ...listErrors } },
    },
    (request) =>
      fastify.readMayLag(
        request,
        (prisma) =>
          reconcilePortfolio(prisma, request.query, scopeOf(request), new Date(), { keep: options.keepPortfolio }),
        // As at a date, the figures are rebuilt in temporary tables, which a replica cannot hold.
        { mayLag: !request.query.asAt },
      ),
  );

  fastify.get(
    "/programmes/:id/reconciliation",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: ProgrammeReconciliationQuery,
        response: { 200: ProgrammeReconciliation, ...listErrors },
      },
    },
    (request) =>
      fastify.readMayLag(
        request,
        (prisma) => reconcileProgramme(prisma, request.params.id, { asAt: request.query.asAt }),
        {
          mayLag: !request.query.asAt,
        },
      ),
  );
};
