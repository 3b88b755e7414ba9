import {
  CreateFundRequest,
  FundListQuery,
  FundListResponse,
  FundResponse,
  IdParams,
  RetireRequest,
  UpdateFundRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createFund, listFunds, retireFund, updateFund } from "./funds.ts";

/** Funders' funds, which commitments draw on. */
export const fundRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
  fastify.get(
    "/funds",
    {
      config: { access: "read" },
      schema: { querystring: FundListQuery, response: { 200: FundListResponse, ...listErrors } },
    },
    (request) => listFunds(fastify.prisma, request.query),
  );
  fastify.post(
    "/funds",
    {
      config: { access: "reference.write" },
      schema: { body: CreateFundRequest, response: { 201: FundResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await write((tx) => createFund(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/funds/:id",
    {
      config: { access: "reference.write", scope: [] },
      schema: { params: IdParams, body: UpdateFundRequest, response: { 200: FundResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updateFund(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/funds/:id/retire",
    {
      config: { access: "reference.write", scope: [] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: FundResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireFund(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
};
