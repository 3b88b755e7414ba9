import {
  CreateSpendRequest,
  IdParams,
  RetireRequest,
  SpendListQuery,
  SpendListResponse,
  SpendResponse,
  UpdateSpendRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { actorOf, idempotent, inTransaction, writeErrors } from "../../lib/write-context.ts";
import { listSpend } from "./list-spend.ts";
import { createSpend, retireSpend, updateSpend } from "./record-spend.ts";

export const spendRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/spend",
    {
      config: { access: "read" },
      schema: {
        querystring: SpendListQuery,
        response: { 200: SpendListResponse, ...listErrors },
      },
    },
    (request) => listSpend(fastify.prisma, request.query, scopeOf(request)),
  );

  fastify.post(
    "/spend",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "Programme", in: "body", field: "programmeId" },
          { table: "CostLine", in: "body", field: "costLineId" },
          { table: "FundingCommitment", in: "body", field: "commitmentId" },
        ],
      },
      schema: { body: CreateSpendRequest, response: { 201: SpendResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createSpend(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );

  fastify.patch(
    "/spend/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "Spend", in: "params", field: "id" },
          { table: "CostLine", in: "body", field: "costLineId" },
          { table: "FundingCommitment", in: "body", field: "commitmentId" },
        ],
      },
      schema: { params: IdParams, body: UpdateSpendRequest, response: { 200: SpendResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateSpend(tx, { id: request.params.id, input: request.body, actor: actorOf(request), requestId: request.id }),
      ),
  );

  fastify.post(
    "/spend/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "Spend", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: SpendResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireSpend(tx, { id: request.params.id, input: request.body, actor: actorOf(request), requestId: request.id }),
      ),
  );
};
