import {
  CreateProgrammeRequest,
  ErrorResponse,
  ProgrammeDetail,
  ProgrammeListQuery,
  ProgrammeListResponse,
  ProgrammeParams,
  ProgrammeSummary,
  RetireRequest,
  UpdateProgrammeRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { ALREADY_CHECKED, scopeOf } from "../../lib/scope.ts";
import { actorOf, inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { getProgramme } from "./get-programme.ts";
import { listProgrammes, programmeSummaries } from "./list-programmes.ts";
import { createProgramme, retireProgramme, updateProgramme } from "./record-programme.ts";

export const programmeRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/programmes",
    {
      config: { access: "read" },
      schema: { querystring: ProgrammeListQuery, response: { 200: ProgrammeListResponse, ...listErrors } },
    },
    (request) => fastify.readMayLag(request, (prisma) => listProgrammes(prisma, request.query, scopeOf(request))),
  );

  fastify.get(
    "/programmes/:id",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: { params: ProgrammeParams, response: { 200: ProgrammeDetail, 404: ErrorResponse } },
    },
    (request) => getProgramme(fastify.prisma, request.params.id),
  );

  fastify.post(
    "/programmes",
    {
      config: { access: "programme.write" },
      schema: { body: CreateProgrammeRequest, response: { 201: ProgrammeDetail, ...writeErrors } },
    },
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
      config: { access: "programme.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
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

  fastify.post(
    "/programmes/:id/retire",
    {
      config: { access: "programme.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: { params: ProgrammeParams, body: RetireRequest, response: { 200: ProgrammeSummary, ...writeErrors } },
    },
    async (request) => {
      const { id } = await inTransaction(fastify.prisma, (tx) =>
        retireProgramme(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      );
      const [retired] = await programmeSummaries(fastify.prisma, {
        programmeId: id,
        includeRetired: true,
        scope: ALREADY_CHECKED,
      });
      return retired;
    },
  );
};
