import {
  CostLineResponse,
  CostSharingAgreementResponse,
  CreateCostLineRequest,
  CreateCostSharingAgreementRequest,
  CreateDecisionRequest,
  CreateWorkstreamRequest,
  DecisionResponse,
  ErrorResponse,
  IdParams,
  WorkstreamResponse,
} from "@fundline/schemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, inTransaction } from "../../plugins/write-context.ts";
import { createCostLine, createCostSharingAgreement, createDecision, createWorkstream } from "./record-structure.ts";

const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };

/** How a programme is organised and authorised: workstreams, cost lines, cost-sharing, decisions. */
export const structureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  fastify.post(
    "/programmes/:id/workstreams",
    {
      schema: {
        params: IdParams,
        body: CreateWorkstreamRequest,
        response: { 201: WorkstreamResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            createWorkstream(tx, { programmeId: request.params.id, input: request.body, ...context(request) }),
          ),
        ),
  );
  fastify.post(
    "/programmes/:id/cost-lines",
    { schema: { params: IdParams, body: CreateCostLineRequest, response: { 201: CostLineResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            createCostLine(tx, { programmeId: request.params.id, input: request.body, ...context(request) }),
          ),
        ),
  );
  fastify.post(
    "/programmes/:id/cost-sharing-agreements",
    {
      schema: {
        params: IdParams,
        body: CreateCostSharingAgreementRequest,
        response: { 201: CostSharingAgreementResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await inTransaction(fastify.prisma, (tx) =>
          createCostSharingAgreement(tx, {
            programmeId: request.params.id,
            input: request.body,
            ...context(request),
          }),
        ),
      ),
  );
  fastify.post(
    "/decisions",
    { schema: { body: CreateDecisionRequest, response: { 201: DecisionResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) => createDecision(tx, { input: request.body, ...context(request) })),
        ),
  );
};
