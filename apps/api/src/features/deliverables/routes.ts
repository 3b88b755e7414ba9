import {
  CreateDeliverableRequest,
  DeliverableListQuery,
  DeliverableListResponse,
  DeliverableResponse,
  IdParams,
  RetireRequest,
  UpdateDeliverableRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createDeliverable, listDeliverables, retireDeliverable, updateDeliverable } from "./deliverables.ts";

/** Deliverables: what a programme promised to deliver, and how many are done. */
export const deliverableRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
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
};
