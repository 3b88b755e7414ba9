import {
  CreateReceiptRequest,
  IdParams,
  ReceiptListQuery,
  ReceiptListResponse,
  ReceiptResponse,
  RetireRequest,
  UpdateReceiptRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { idempotent, inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createReceipt, listReceipts, retireReceipt, updateReceipt } from "./receipts.ts";

export const receiptRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/receipts",
    {
      config: { access: "read" },
      schema: {
        querystring: ReceiptListQuery,
        response: { 200: ReceiptListResponse, ...listErrors },
      },
    },
    (request) => listReceipts(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/receipts",
    {
      config: { access: "money.write", scope: [{ table: "FundingCommitment", in: "body", field: "commitmentId" }] },
      schema: { body: CreateReceiptRequest, response: { 201: ReceiptResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createReceipt(tx, { input: request.body, ...writeContextOf(request) }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );
  fastify.patch(
    "/receipts/:id",
    {
      config: { access: "money.write", scope: [{ table: "Receipt", in: "params", field: "id" }] },
      schema: { params: IdParams, body: UpdateReceiptRequest, response: { 200: ReceiptResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateReceipt(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
  fastify.post(
    "/receipts/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "Receipt", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: ReceiptResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireReceipt(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
