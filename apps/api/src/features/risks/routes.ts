import {
  CreateRiskRequest,
  IdParams,
  RetireRequest,
  RiskListQuery,
  RiskListResponse,
  RiskResponse,
  UpdateRiskRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createRisk, listRisks, retireRisk, updateRisk } from "./risks.ts";

/** Risks of a programme: likelihood, impact, mitigation and owner. */
export const riskRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
  fastify.get(
    "/risks",
    {
      config: { access: "read" },
      schema: { querystring: RiskListQuery, response: { 200: RiskListResponse, ...listErrors } },
    },
    (request) => listRisks(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/risks",
    {
      config: { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
      schema: { body: CreateRiskRequest, response: { 201: RiskResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await write((tx) => createRisk(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/risks/:id",
    {
      config: { access: "delivery.write", scope: [{ table: "Risk", in: "params", field: "id" }] },
      schema: { params: IdParams, body: UpdateRiskRequest, response: { 200: RiskResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updateRisk(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/risks/:id/retire",
    {
      config: { access: "delivery.write", scope: [{ table: "Risk", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: RiskResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireRisk(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
};
