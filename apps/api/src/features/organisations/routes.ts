import {
  CreateOrganisationRequest,
  IdParams,
  OrganisationListQuery,
  OrganisationListResponse,
  OrganisationResponse,
  RetireRequest,
  UpdateOrganisationRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import {
  createOrganisation,
  listOrganisations,
  retireOrganisation,
  updateOrganisation,
} from "./record-organisation.ts";

/** Reference data: the organisations that lead, fund, supply and evaluate programmes. */
export const organisationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(fastify.prisma, work);
  fastify.get(
    "/organisations",
    {
      config: { access: "read" },
      schema: { querystring: OrganisationListQuery, response: { 200: OrganisationListResponse, ...listErrors } },
    },
    (request) => listOrganisations(fastify.prisma, request.query),
  );
  fastify.post(
    "/organisations",
    {
      config: { access: "reference.write" },
      schema: { body: CreateOrganisationRequest, response: { 201: OrganisationResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await write((tx) => createOrganisation(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/organisations/:id",
    {
      config: { access: "reference.write", scope: [] },
      schema: {
        params: IdParams,
        body: UpdateOrganisationRequest,
        response: { 200: OrganisationResponse, ...writeErrors },
      },
    },
    (request) =>
      write((tx) => updateOrganisation(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/organisations/:id/retire",
    {
      config: { access: "reference.write", scope: [] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: OrganisationResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireOrganisation(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
};
