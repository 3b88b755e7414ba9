import {
  CreateMilestoneRequest,
  IdParams,
  MilestoneListQuery,
  MilestoneListResponse,
  MilestoneResponse,
  RetireRequest,
  UpdateMilestoneRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { scopeOf } from "../../lib/scope.ts";
import { actorOf, inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { createMilestone, listMilestones, retireMilestone, updateMilestone } from "./milestones.ts";

export const milestoneRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/milestones",
    {
      config: { access: "read" },
      schema: {
        querystring: MilestoneListQuery,
        response: { 200: MilestoneListResponse, ...listErrors },
      },
    },
    (request) => listMilestones(fastify.prisma, request.query, scopeOf(request)),
  );

  fastify.post(
    "/milestones",
    {
      config: { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
      schema: { body: CreateMilestoneRequest, response: { 201: MilestoneResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const created = await inTransaction(fastify.prisma, (tx) =>
        createMilestone(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      );
      return reply.status(201).send(created);
    },
  );

  fastify.patch(
    "/milestones/:id",
    {
      config: { access: "delivery.write", scope: [{ table: "Milestone", in: "params", field: "id" }] },
      schema: { params: IdParams, body: UpdateMilestoneRequest, response: { 200: MilestoneResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateMilestone(tx, {
          id: request.params.id,
          input: request.body,
          actor: actorOf(request),
          requestId: request.id,
        }),
      ),
  );

  fastify.post(
    "/milestones/:id/retire",
    {
      config: { access: "delivery.write", scope: [{ table: "Milestone", in: "params", field: "id" }] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: MilestoneResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        retireMilestone(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
