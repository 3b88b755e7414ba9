import {
  ClosePeriodRequest,
  IdParams,
  PeriodCloseResponse,
  PeriodListResponse,
  ReopenConfirmation,
  ReopenRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { closePeriod, listPeriods, reopenPeriod, requestReopening } from "./periods.ts";
import "./records.ts";

/** A council's closed months and financial years, and re-opening one (two people). */
export const periodRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const thisPeriod = { table: "PeriodClose", in: "params", field: "id" } as const;

  fastify.get(
    "/periods",
    { config: { access: "read" }, schema: { response: { 200: PeriodListResponse } } },
    (request) => listPeriods(fastify.prisma, writeContextOf(request).actor.organisationId),
  );

  fastify.post(
    "/periods",
    {
      config: { access: "money.write" },
      schema: { body: ClosePeriodRequest, response: { 201: PeriodCloseResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            closePeriod(tx, { input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );

  fastify.post(
    "/periods/:id/reopen-request",
    {
      config: { access: "money.write", scope: [thisPeriod] },
      schema: { params: IdParams, body: ReopenRequest, response: { 200: PeriodCloseResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        requestReopening(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );

  fastify.post(
    "/periods/:id/reopen",
    {
      config: { access: "money.write", scope: [thisPeriod] },
      schema: {
        params: IdParams,
        body: ReopenConfirmation,
        response: { 200: PeriodCloseResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        reopenPeriod(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
