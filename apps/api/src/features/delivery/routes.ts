import {
  BenefitReadingResponse,
  ConflictResponse,
  CreateDeliverableRequest,
  CreateRiskRequest,
  DeliverableResponse,
  ErrorResponse,
  IdParams,
  RecordBenefitReadingRequest,
  RecordDeliverableProgressRequest,
  RiskResponse,
  UpdateRiskRequest,
} from "@fundline/schemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, inTransaction } from "../../plugins/write-context.ts";
import { recordBenefitReading } from "../benefits/record-benefit-reading.ts";
import { createDeliverable, recordDeliverableProgress } from "../deliverables/record-deliverable.ts";
import { createRisk, updateRisk } from "../risks/record-risk.ts";

const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

/** What programme managers keep current: risks, deliverable counts and KPI readings. */
export const deliveryRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  fastify.post(
    "/risks",
    { schema: { body: CreateRiskRequest, response: { 201: RiskResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) => createRisk(tx, { input: request.body, ...context(request) })),
        ),
  );
  fastify.patch(
    "/risks/:id",
    { schema: { params: IdParams, body: UpdateRiskRequest, response: { 200: RiskResponse, ...writeErrors } } },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateRisk(tx, { id: request.params.id, input: request.body, ...context(request) }),
      ),
  );
  fastify.post(
    "/deliverables",
    { schema: { body: CreateDeliverableRequest, response: { 201: DeliverableResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            createDeliverable(tx, { input: request.body, ...context(request) }),
          ),
        ),
  );
  fastify.patch(
    "/deliverables/:id",
    {
      schema: {
        params: IdParams,
        body: RecordDeliverableProgressRequest,
        response: { 200: DeliverableResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        recordDeliverableProgress(tx, { id: request.params.id, input: request.body, ...context(request) }),
      ),
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
          await inTransaction(fastify.prisma, (tx) =>
            recordBenefitReading(tx, { benefitId: request.params.id, input: request.body, ...context(request) }),
          ),
        ),
  );
};
