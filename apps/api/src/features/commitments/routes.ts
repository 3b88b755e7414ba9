import {
  CommitmentListQuery,
  CommitmentListResponse,
  CommitmentResponse,
  CreateCommitmentRequest,
  IdParams,
  RetireRequest,
  UpdateCommitmentRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { actorOf, idempotent, inTransaction, writeErrors } from "../../lib/write-context.ts";
import { createCommitment } from "./create-commitment.ts";
import { listCommitments } from "./list-commitments.ts";
import { retireCommitment, updateCommitment } from "./update-commitment.ts";

export const commitmentRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/commitments",
    {
      config: { access: "read" },
      schema: {
        querystring: CommitmentListQuery,
        response: { 200: CommitmentListResponse, ...listErrors },
      },
    },
    (request) => listCommitments(fastify.prisma, request.query, scopeOf(request)),
  );

  fastify.post(
    "/commitments",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "Programme", in: "body", field: "programmeId" },
          { table: "Decision", in: "body", field: "decisionId" },
        ],
      },
      schema: { body: CreateCommitmentRequest, response: { 201: CommitmentResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createCommitment(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );

  fastify.patch(
    "/commitments/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "FundingCommitment", in: "params", field: "id" },
          { table: "Decision", in: "body", field: "decisionId" },
        ],
      },
      schema: {
        params: IdParams,
        body: UpdateCommitmentRequest,
        response: { 200: CommitmentResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateCommitment(tx, {
          id: request.params.id,
          input: request.body,
          actor: actorOf(request),
          requestId: request.id,
        }),
      ),
  );

  fastify.post(
    "/commitments/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "FundingCommitment", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: CommitmentResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireCommitment(tx, {
          id: request.params.id,
          input: request.body,
          actor: actorOf(request),
          requestId: request.id,
        }),
      ),
  );
};
