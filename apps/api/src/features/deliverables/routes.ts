import {
  CreateDeliverableRequest,
  DeliverableListQuery,
  DeliverableListResponse,
  DeliverableResponse,
  UpdateDeliverableRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { createDeliverable, listDeliverables, retireDeliverable, updateDeliverable } from "./deliverables.ts";
import "./records.ts";

/** Deliverables: what a programme promised to deliver, and how many are done. */
export const deliverableRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisDeliverable = {
    access: "delivery.write",
    scope: [{ table: "DeliverableTarget", in: "params", field: "id" }],
  } as const;
  routes.list(
    "/deliverables",
    { access: "read" },
    { query: DeliverableListQuery, response: DeliverableListResponse },
    ({ query, scope }) => listDeliverables(fastify.prisma, query, scope),
  );
  routes.create(
    "/deliverables",
    { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
    { body: CreateDeliverableRequest, response: DeliverableResponse },
    createDeliverable,
  );
  routes.update(
    "/deliverables/:id",
    thisDeliverable,
    { body: UpdateDeliverableRequest, response: DeliverableResponse },
    updateDeliverable,
  );
  routes.retire("/deliverables/:id/retire", thisDeliverable, DeliverableResponse, retireDeliverable);
};
