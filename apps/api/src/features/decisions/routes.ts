import {
  CreateDecisionRequest,
  DecisionListQuery,
  DecisionListResponse,
  DecisionResponse,
  UpdateDecisionRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { createDecision, listDecisions, retireDecision, updateDecision } from "./decisions.ts";
import "./records.ts";

/** Council decisions that authorise money ("Recommendations Approved"). */
export const decisionRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisDecision = { table: "Decision", in: "params", field: "id" } as const;
  const itsProgramme = { table: "Programme", in: "body", field: "programmeId" } as const;
  routes.list(
    "/decisions",
    { access: "read" },
    { query: DecisionListQuery, response: DecisionListResponse },
    ({ query, scope }) => listDecisions(fastify.prisma, query, scope),
  );
  routes.create(
    "/decisions",
    { access: "money.write", scope: [itsProgramme] },
    { body: CreateDecisionRequest, response: DecisionResponse },
    createDecision,
  );
  routes.update(
    "/decisions/:id",
    { access: "money.write", scope: [thisDecision, itsProgramme] },
    { body: UpdateDecisionRequest, response: DecisionResponse },
    updateDecision,
  );
  routes.retire(
    "/decisions/:id/retire",
    { access: "money.write", scope: [thisDecision] },
    DecisionResponse,
    retireDecision,
  );
};
