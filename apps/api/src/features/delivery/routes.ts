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
import { scopeOf } from "../../plugins/scope.ts";
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

  fastify.get(
    "/deliverables",
    {
      config: { access: "read" },
      schema: { querystring: DeliverableListQuery, response: { 200: DeliverableListResponse, ...listErrors } },
    },
    (request) => listDeliverables(fastify.prisma, request.query, scopeOf(request)),
  );
  fastify.post(
    "/deliverables",
    {
      config: { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
      schema: { body: CreateDeliverableRequest, response: { 201: DeliverableResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await write((tx) => createDeliverable(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/deliverables/:id",
    {
      config: { access: "delivery.write", scope: [{ table: "DeliverableTarget", in: "params", field: "id" }] },
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
    {
      config: { access: "delivery.write", scope: [{ table: "DeliverableTarget", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: DeliverableResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireDeliverable(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

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
