import {
  AddPartnerRequest,
  IdParams,
  PartnerListQuery,
  PartnerListResponse,
  PartnerResponse,
  UpdatePartnerRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { addPartner, listPartners, updatePartner } from "./partners.ts";

/** Who takes part in which programme, in which role, from when to when. */
export const partnerRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
  fastify.get(
    "/programmes/:id/partners",
    {
      config: { access: "read", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        querystring: PartnerListQuery,
        response: { 200: PartnerListResponse, ...listErrors },
      },
    },
    (request) => listPartners(fastify.prisma, request.params.id, request.query),
  );
  fastify.post(
    "/programmes/:id/partners",
    {
      config: { access: "programme.write", scope: [{ table: "Programme", in: "params", field: "id" }] },
      schema: { params: IdParams, body: AddPartnerRequest, response: { 201: PartnerResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await write((tx) =>
            addPartner(tx, { programmeId: request.params.id, input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
  fastify.patch(
    "/partners/:id",
    {
      config: { access: "programme.write", scope: [{ table: "ProgrammePartner", in: "params", field: "id" }] },
      schema: { params: IdParams, body: UpdatePartnerRequest, response: { 200: PartnerResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updatePartner(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
};
