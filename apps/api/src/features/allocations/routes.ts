import { AllocationResponse, CreateAllocationRequest, ErrorResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, idempotent } from "../../plugins/write-context.ts";
import { createAllocation } from "./create-allocation.ts";

export const allocationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    "/allocations",
    {
      schema: {
        body: CreateAllocationRequest,
        response: { 201: AllocationResponse, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createAllocation(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );
};
