import { CreateRiskRequest, RiskListQuery, RiskListResponse, RiskResponse, UpdateRiskRequest } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { createRisk, listRisks, retireRisk, updateRisk } from "./risks.ts";
import "./records.ts";

/** Risks of a programme: likelihood, impact, mitigation and owner. */
export const riskRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisRisk = { access: "delivery.write", scope: [{ table: "Risk", in: "params", field: "id" }] } as const;
  routes.list("/risks", { access: "read" }, { query: RiskListQuery, response: RiskListResponse }, ({ query, scope }) =>
    listRisks(fastify.prisma, query, scope),
  );
  routes.create(
    "/risks",
    { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
    { body: CreateRiskRequest, response: RiskResponse },
    createRisk,
  );
  routes.update("/risks/:id", thisRisk, { body: UpdateRiskRequest, response: RiskResponse }, updateRisk);
  routes.retire("/risks/:id/retire", thisRisk, RiskResponse, retireRisk);
};
