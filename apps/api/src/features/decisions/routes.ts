import {
  CreateDecisionRequest,
  DecisionListQuery,
  DecisionListResponse,
  DecisionResponse,
  IdParams,
  RetireRequest,
  UpdateDecisionRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createDecision, listDecisions, retireDecision, updateDecision } from "./decisions.ts";

/** Council decisions that authorise money ("Recommendations Approved"). */
export const decisionRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/decisions",
    {
      config: { access: "read" },
      schema: {
        querystring: DecisionListQuery,
        response: { 200: DecisionListResponse, ...listErrors },
      },
    },
    (request) => listDecisions(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/decisions",
    {
      config: { access: "money.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
      schema: { body: CreateDecisionRequest, response: { 201: DecisionResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            createDecision(tx, { input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
  fastify.patch(
    "/decisions/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "Decision", in: "params", field: "id" },
          { table: "Programme", in: "body", field: "programmeId" },
        ],
      },
      schema: { params: IdParams, body: UpdateDecisionRequest, response: { 200: DecisionResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateDecision(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
  fastify.post(
    "/decisions/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "Decision", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: DecisionResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireDecision(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
