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
import { listErrors } from "../../plugins/paging.ts";
import { actorOf, idempotent, inTransaction, writeErrors } from "../../plugins/write-context.ts";
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
    (request) => listCommitments(fastify.prisma, request.query),
  );

  fastify.post(
    "/commitments",
    {
      config: { access: "money.write" },
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
      config: { access: "money.write" },
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
      config: { access: "money.write" },
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
