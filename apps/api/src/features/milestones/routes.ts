import {
  ConflictResponse,
  CreateMilestoneRequest,
  ErrorResponse,
  IdParams,
  MilestoneResponse,
  UpdateMilestoneRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, inTransaction } from "../../plugins/write-context.ts";
import { createMilestone, updateMilestone } from "./record-milestone.ts";

const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

export const milestoneRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    "/milestones",
    { schema: { body: CreateMilestoneRequest, response: { 201: MilestoneResponse, ...writeErrors } } },
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
};
