import {
  BenefitListQuery,
  BenefitListResponse,
  BenefitReadingListQuery,
  BenefitReadingListResponse,
  BenefitReadingResponse,
  BenefitResponse,
  CreateBenefitRequest,
  CreateDeliverableRequest,
  CreateRiskRequest,
  DeliverableListQuery,
  DeliverableListResponse,
  DeliverableResponse,
  IdParams,
  RecordBenefitReadingRequest,
  RetireRequest,
  RiskListQuery,
  RiskListResponse,
  RiskResponse,
  UpdateBenefitRequest,
  UpdateDeliverableRequest,
  UpdateRiskRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../plugins/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../plugins/write-context.ts";
import {
  createBenefit,
  listBenefitReadings,
  listBenefits,
  recordBenefitReading,
  retireBenefit,
  updateBenefit,
} from "../benefits/benefits.ts";
import {
  createDeliverable,
  listDeliverables,
  retireDeliverable,
  updateDeliverable,
} from "../deliverables/deliverables.ts";
import { createRisk, listRisks, retireRisk, updateRisk } from "../risks/risks.ts";

/** What programme managers keep current: risks, deliverable counts, benefits and their readings. */
export const deliveryRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);

  fastify.get(
    "/risks",
    { schema: { querystring: RiskListQuery, response: { 200: RiskListResponse, ...listErrors } } },
    (request) => listRisks(fastify.prisma, request.query),
  );
  fastify.post(
    "/risks",
    { schema: { body: CreateRiskRequest, response: { 201: RiskResponse, ...writeErrors } } },
    async (request, reply) =>
      reply.status(201).send(await write((tx) => createRisk(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/risks/:id",
    { schema: { params: IdParams, body: UpdateRiskRequest, response: { 200: RiskResponse, ...writeErrors } } },
    (request) =>
      write((tx) => updateRisk(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/risks/:id/retire",
    { schema: { params: IdParams, body: RetireRequest, response: { 200: RiskResponse, ...writeErrors } } },
    (request) =>
      write((tx) => retireRisk(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

  fastify.get(
    "/deliverables",
    { schema: { querystring: DeliverableListQuery, response: { 200: DeliverableListResponse, ...listErrors } } },
    (request) => listDeliverables(fastify.prisma, request.query),
  );
  fastify.post(
    "/deliverables",
    { schema: { body: CreateDeliverableRequest, response: { 201: DeliverableResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await write((tx) => createDeliverable(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/deliverables/:id",
    {
      schema: {
        params: IdParams,
        body: UpdateDeliverableRequest,
        response: { 200: DeliverableResponse, ...writeErrors },
      },
    },
    (request) =>
      write((tx) => updateDeliverable(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/deliverables/:id/retire",
    { schema: { params: IdParams, body: RetireRequest, response: { 200: DeliverableResponse, ...writeErrors } } },
    (request) =>
      write((tx) => retireDeliverable(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

  fastify.get(
    "/benefits",
    { schema: { querystring: BenefitListQuery, response: { 200: BenefitListResponse, ...listErrors } } },
    (request) => listBenefits(fastify.prisma, request.query),
  );
  fastify.post(
    "/benefits",
    { schema: { body: CreateBenefitRequest, response: { 201: BenefitResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await write((tx) => createBenefit(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/benefits/:id",
    { schema: { params: IdParams, body: UpdateBenefitRequest, response: { 200: BenefitResponse, ...writeErrors } } },
    (request) =>
      write((tx) => updateBenefit(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/benefits/:id/retire",
    { schema: { params: IdParams, body: RetireRequest, response: { 200: BenefitResponse, ...writeErrors } } },
    (request) =>
      write((tx) => retireBenefit(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.get(
    "/benefits/:id/readings",
    {
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
