import {
  ConflictResponse,
  CreateReceiptRequest,
  ErrorResponse,
  IdParams,
  ReceiptResponse,
  RetireRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, idempotent, inTransaction } from "../../plugins/write-context.ts";
import { createReceipt, retireReceipt } from "./record-receipt.ts";

const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

export const receiptRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    "/receipts",
    { schema: { body: CreateReceiptRequest, response: { 201: ReceiptResponse, ...writeErrors } } },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createReceipt(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );

  fastify.post(
    "/receipts/:id/retire",
    { schema: { params: IdParams, body: RetireRequest, response: { 200: ReceiptResponse, ...writeErrors } } },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireReceipt(tx, {
          id: request.params.id,
          input: request.body,
          actor: actorOf(request),
          requestId: request.id,
        }),
      ),
  );
};
