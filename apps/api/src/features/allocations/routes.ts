import {
  AllocationListQuery,
  AllocationListResponse,
  AllocationResponse,
  CreateAllocationRequest,
  IdParams,
  RetireRequest,
  UpdateAllocationRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { idempotent, inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createAllocation, listAllocations, retireAllocation, updateAllocation } from "./allocations.ts";

export const allocationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/allocations",
    {
      config: { access: "read" },
      schema: {
        querystring: AllocationListQuery,
        response: { 200: AllocationListResponse, ...listErrors },
      },
    },
    (request) => listAllocations(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/allocations",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "FundingCommitment", in: "body", field: "commitmentId" },
          { table: "CostLine", in: "body", field: "costLineId" },
        ],
      },
      schema: { body: CreateAllocationRequest, response: { 201: AllocationResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const created = await idempotent(fastify.prisma, request, async (tx) => ({
        status: 201,
        body: await createAllocation(tx, { input: request.body, ...writeContextOf(request) }),
      }));
      return reply.status(created.status).send(created.body);
    },
  );
  fastify.patch(
    "/allocations/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "Allocation", in: "params", field: "id" },
          { table: "CostLine", in: "body", field: "costLineId" },
        ],
      },
      schema: {
        params: IdParams,
        body: UpdateAllocationRequest,
        response: { 200: AllocationResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateAllocation(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
  fastify.post(
    "/allocations/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "Allocation", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: AllocationResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireAllocation(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
