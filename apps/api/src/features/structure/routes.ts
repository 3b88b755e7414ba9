import {
  CostLineListQuery,
  CostLineListResponse,
  CostLineResponse,
  CostSharingAgreementListQuery,
  CostSharingAgreementListResponse,
  CostSharingAgreementResponse,
  CreateCostLineRequest,
  CreateCostSharingAgreementRequest,
  CreateWorkstreamRequest,
  IdParams,
  RetireRequest,
  UpdateCostLineRequest,
  UpdateCostSharingAgreementRequest,
  UpdateWorkstreamRequest,
  WorkstreamListQuery,
  WorkstreamListResponse,
  WorkstreamResponse,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createCostLine, listCostLines, retireCostLine, updateCostLine } from "./cost-lines.ts";
import {
  createCostSharingAgreement,
  listCostSharingAgreements,
  retireCostSharingAgreement,
  updateCostSharingAgreement,
} from "./cost-sharing-agreements.ts";
import { createWorkstream, listWorkstreams, retireWorkstream, updateWorkstream } from "./workstreams.ts";

/** How a programme is organised: workstreams, cost lines and cost-sharing agreements. */
export const structureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);

  // Workstreams
  fastify.get(
    "/programmes/:id/workstreams",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: WorkstreamListQuery,
        response: { 200: WorkstreamListResponse, ...listErrors },
      },
    },
    (request) => listWorkstreams(fastify.prisma, request.params.id, request.query),
  );
  fastify.post(
    "/programmes/:id/workstreams",
    {
      config: { access: "programme.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: CreateWorkstreamRequest,
        response: { 201: WorkstreamResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await write((tx) =>
            createWorkstream(tx, { programmeId: request.params.id, input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
  fastify.patch(
    "/workstreams/:id",
    {
      config: { access: "programme.write", scope: [{ table: "Workstream", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: UpdateWorkstreamRequest,
        response: { 200: WorkstreamResponse, ...writeErrors },
      },
    },
    (request) =>
      write((tx) => updateWorkstream(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/workstreams/:id/retire",
    {
      config: { access: "programme.write", scope: [{ table: "Workstream", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: WorkstreamResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireWorkstream(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

  // Cost lines
  fastify.get(
    "/programmes/:id/cost-lines",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: CostLineListQuery,
        response: { 200: CostLineListResponse, ...listErrors },
      },
    },
    (request) => listCostLines(fastify.prisma, request.params.id, request.query),
  );
  fastify.post(
    "/programmes/:id/cost-lines",
    {
      config: { access: "money.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: { params: IdParams, body: CreateCostLineRequest, response: { 201: CostLineResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await write((tx) =>
            createCostLine(tx, { programmeId: request.params.id, input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
  fastify.patch(
    "/cost-lines/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "CostLine", in: "params", field: "id" },
          { table: "Workstream", in: "body", field: "workstreamId" },
        ],
      },
      schema: { params: IdParams, body: UpdateCostLineRequest, response: { 200: CostLineResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updateCostLine(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/cost-lines/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "CostLine", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: CostLineResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireCostLine(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

  // Cost-sharing agreements
  fastify.get(
    "/programmes/:id/cost-sharing-agreements",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: CostSharingAgreementListQuery,
        response: { 200: CostSharingAgreementListResponse, ...listErrors },
      },
    },
    (request) => listCostSharingAgreements(fastify.prisma, request.params.id, request.query),
  );
  fastify.post(
    "/programmes/:id/cost-sharing-agreements",
    {
      config: { access: "money.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: CreateCostSharingAgreementRequest,
        response: { 201: CostSharingAgreementResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await write((tx) =>
          createCostSharingAgreement(tx, {
            programmeId: request.params.id,
            input: request.body,
            ...writeContextOf(request),
          }),
        ),
      ),
  );
  fastify.patch(
    "/cost-sharing-agreements/:id",
    {
      config: {
        access: "money.write",
        scope: [
          { table: "CostSharingAgreement", in: "params", field: "id" },
          { table: "CostLine", in: "body", field: "costLineId" },
        ],
      },
      schema: {
        params: IdParams,
        body: UpdateCostSharingAgreementRequest,
        response: { 200: CostSharingAgreementResponse, ...writeErrors },
      },
    },
    (request) =>
      write((tx) =>
        updateCostSharingAgreement(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
  fastify.post(
    "/cost-sharing-agreements/:id/retire",
    {
      config: { access: "money.write", scope: [{ table: "CostSharingAgreement", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: RetireRequest,
        response: { 200: CostSharingAgreementResponse, ...writeErrors },
      },
    },
    (request) =>
      write((tx) =>
        retireCostSharingAgreement(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
