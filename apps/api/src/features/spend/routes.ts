import {
  CreateSpendRequest,
  SpendInList,
  SpendListQuery,
  SpendListResponse,
  SpendResponse,
  UpdateSpendRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { getSpend, listSpend } from "./list-spend.ts";
import { createSpend, retireSpend, updateSpend } from "./record-spend.ts";
import "./records.ts";

/** Spend: single payments and credit notes, with the Transparency Code's fields. */
export const spendRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const itsLineAndCommitment = [
    { table: "CostLine", in: "body", field: "costLineId", must: "own or granted" },
    { table: "FundingCommitment", in: "body", field: "commitmentId" },
  ] as const;
  routes.list(
    "/spend",
    { access: "read" },
    { query: SpendListQuery, response: SpendListResponse },
    ({ query, scope }) => listSpend(fastify.prisma, query, scope),
  );
  routes.one(
    "/spend/:id",
    { access: "read", scope: [{ table: "Spend", in: "params", field: "id" }] },
    SpendInList,
    (id) => getSpend(fastify.prisma, id),
  );
  routes.create(
    "/spend",
    {
      access: "money.write",
      scope: [{ table: "Programme", in: "body", field: "programmeId" }, ...itsLineAndCommitment],
    },
    { body: CreateSpendRequest, response: SpendResponse },
    createSpend,
    { idempotent: true },
  );
  routes.update(
    "/spend/:id",
    { access: "money.write", scope: [{ table: "Spend", in: "params", field: "id" }, ...itsLineAndCommitment] },
    { body: UpdateSpendRequest, response: SpendResponse },
    updateSpend,
  );
  routes.retire(
    "/spend/:id/retire",
    { access: "money.write", scope: [{ table: "Spend", in: "params", field: "id" }] },
    SpendResponse,
    retireSpend,
  );
};
