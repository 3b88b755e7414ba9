import {
  ConflictResponse,
  CreateProgrammeRequest,
  ErrorResponse,
  ProgrammeDetail,
  ProgrammeListResponse,
  ProgrammeParams,
  UpdateProgrammeRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, inTransaction } from "../../plugins/write-context.ts";
import { getProgramme } from "./get-programme.ts";
import { listProgrammes } from "./list-programmes.ts";
import { createProgramme, updateProgramme } from "./record-programme.ts";

export const programmeRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get("/programmes", { schema: { response: { 200: ProgrammeListResponse } } }, () =>
    listProgrammes(fastify.prisma),
  );

  fastify.get(
    "/programmes/:id",
    { schema: { params: ProgrammeParams, response: { 200: ProgrammeDetail, 404: ErrorResponse } } },
    (request) => getProgramme(fastify.prisma, request.params.id),
  );

  const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

  fastify.post(
    "/programmes",
    { schema: { body: CreateProgrammeRequest, response: { 201: ProgrammeDetail, ...writeErrors } } },
    async (request, reply) => {
      const { id } = await inTransaction(fastify.prisma, (tx) =>
        createProgramme(tx, { input: request.body, actor: actorOf(request), requestId: request.id }),
      );
      return reply.status(201).send(await getProgramme(fastify.prisma, id));
    },
  );

  fastify.patch(
    "/programmes/:id",
    {
      schema: {
        params: ProgrammeParams,
        body: UpdateProgrammeRequest,
        response: { 200: ProgrammeDetail, ...writeErrors },
      },
    },
    async (request) => {
      await inTransaction(fastify.prisma, (tx) =>
        updateProgramme(tx, {
          id: request.params.id,
          input: request.body,
          actor: actorOf(request),
          requestId: request.id,
        }),
      );
      return getProgramme(fastify.prisma, request.params.id);
    },
  );
};
