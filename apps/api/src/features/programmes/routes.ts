import { ErrorResponse, ProgrammeDetail, ProgrammeListResponse, ProgrammeParams } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getProgramme } from "./get-programme.ts";
import { listProgrammes } from "./list-programmes.ts";

export const programmeRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get("/programmes", { schema: { response: { 200: ProgrammeListResponse } } }, () =>
    listProgrammes(fastify.prisma),
  );

  fastify.get(
    "/programmes/:id",
    { schema: { params: ProgrammeParams, response: { 200: ProgrammeDetail, 404: ErrorResponse } } },
    (request) => getProgramme(fastify.prisma, request.params.id),
  );
};
