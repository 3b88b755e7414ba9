import {
  AllocationListQuery,
  AllocationListResponse,
  AllocationResponse,
  CreateAllocationRequest,
  UpdateAllocationRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { allocationChange, allocationCreation, allocationRetirement } from "./allocation-approvals.ts";
import { listAllocations } from "./allocations.ts";
import "./records.ts";

/** Allocations of commitments to cost lines: never past the commitment. */
export const allocationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisAllocation = { table: "Allocation", in: "params", field: "id" } as const;
  const itsLine = { table: "CostLine", in: "body", field: "costLineId" } as const;
  routes.list(
    "/allocations",
    { access: "read" },
    { query: AllocationListQuery, response: AllocationListResponse },
    ({ query, scope }) => listAllocations(fastify.prisma, query, scope),
  );
  routes.create(
    "/allocations",
    {
      access: "money.write",
      scope: [{ table: "FundingCommitment", in: "body", field: "commitmentId", must: "own" }, itsLine],
    },
    { body: CreateAllocationRequest, response: AllocationResponse },
    allocationCreation,
    { idempotent: true },
  );
  routes.update(
    "/allocations/:id",
    { access: "money.write", scope: [thisAllocation, itsLine] },
    { body: UpdateAllocationRequest, response: AllocationResponse },
    allocationChange,
  );
  routes.retire(
    "/allocations/:id/retire",
    { access: "money.write", scope: [thisAllocation] },
    AllocationResponse,
    allocationRetirement,
  );
};
