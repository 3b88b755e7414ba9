import {
  BenefitListQuery,
  BenefitListResponse,
  BenefitReadingListQuery,
  BenefitReadingListResponse,
  BenefitReadingResponse,
  BenefitResponse,
  CreateBenefitRequest,
  IdParams,
  RecordBenefitReadingRequest,
  RetireRequest,
  UpdateBenefitRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import {
  createBenefit,
  listBenefitReadings,
  listBenefits,
  recordBenefitReading,
  retireBenefit,
  updateBenefit,
} from "./benefits.ts";

/** Benefits and their readings: what a programme should change, measured over time. */
export const benefitRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
  fastify.get(
    "/benefits",
    {
      config: { access: "read" },
      schema: { querystring: BenefitListQuery, response: { 200: BenefitListResponse, ...listErrors } },
    },
    (request) => listBenefits(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/benefits",
    {
      config: { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
      schema: { body: CreateBenefitRequest, response: { 201: BenefitResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await write((tx) => createBenefit(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/benefits/:id",
    {
      config: { access: "delivery.write", scope: [{ table: "Benefit", in: "params", field: "id" }] },
      schema: { params: IdParams, body: UpdateBenefitRequest, response: { 200: BenefitResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updateBenefit(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/benefits/:id/retire",
    {
      config: { access: "delivery.write", scope: [{ table: "Benefit", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: BenefitResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireBenefit(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.get(
    "/benefits/:id/readings",
    {
      config: { access: "read", scope: [{ table: "Benefit", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: BenefitReadingListQuery,
        response: { 200: BenefitReadingListResponse, ...listErrors },
      },
    },
    (request) => listBenefitReadings(fastify.prisma, request.params.id, request.query),
  );
  fastify.post(
    "/benefits/:id/readings",
    {
      config: { access: "delivery.write", scope: [{ table: "Benefit", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: RecordBenefitReadingRequest,
        response: { 201: BenefitReadingResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await write((tx) =>
            recordBenefitReading(tx, { benefitId: request.params.id, input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
};
