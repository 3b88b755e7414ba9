import {
  ApproveReadingRequest,
  BenefitListQuery,
  BenefitListResponse,
  BenefitReadingListQuery,
  BenefitReadingListResponse,
  BenefitReadingResponse,
  BenefitResponse,
  CreateBenefitRequest,
  IdParams,
  RecordBenefitReadingRequest,
  UpdateBenefitRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import {
  approveBenefitReading,
  createBenefit,
  listBenefitReadings,
  listBenefits,
  recordBenefitReading,
  retireBenefit,
  updateBenefit,
} from "./benefits.ts";
import "./records.ts";

/** Benefits and their readings: what a programme should change, measured over time. */
export const benefitRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisBenefit = { table: "Benefit", in: "params", field: "id" } as const;
  routes.list(
    "/benefits",
    { access: "read" },
    { query: BenefitListQuery, response: BenefitListResponse },
    ({ query, scope }) => listBenefits(fastify.prisma, query, scope),
  );
  routes.create(
    "/benefits",
    { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
    { body: CreateBenefitRequest, response: BenefitResponse },
    createBenefit,
  );
  routes.update(
    "/benefits/:id",
    { access: "delivery.write", scope: [thisBenefit] },
    { body: UpdateBenefitRequest, response: BenefitResponse },
    updateBenefit,
  );
  routes.retire(
    "/benefits/:id/retire",
    { access: "delivery.write", scope: [thisBenefit] },
    BenefitResponse,
    retireBenefit,
  );

  routes.list(
    "/benefits/:id/readings",
    { access: "read", scope: [thisBenefit] },
    { query: BenefitReadingListQuery, response: BenefitReadingListResponse },
    ({ query, params }) => listBenefitReadings(fastify.prisma, params.id, query),
  );
  routes.create(
    "/benefits/:id/readings",
    { access: "delivery.write", scope: [thisBenefit] },
    { body: RecordBenefitReadingRequest, response: BenefitReadingResponse },
    (tx, { params, ...reading }) => recordBenefitReading(tx, { benefitId: params.id, ...reading }),
  );

  // The programme's owner approves a reading someone else submitted: any role may be the owner,
  // so the rule (the owner, or an administrator) is the function's, not a permission's.
  fastify.post(
    "/benefit-readings/:id/approve",
    {
      config: { access: "read", scope: [{ table: "BenefitReading", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: ApproveReadingRequest,
        response: { 200: BenefitReadingResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        approveBenefitReading(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
