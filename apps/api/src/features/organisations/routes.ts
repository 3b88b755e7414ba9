import {
  AddPartnerRequest,
  ConflictResponse,
  CreateFundRequest,
  CreateOrganisationRequest,
  ErrorResponse,
  FundResponse,
  IdParams,
  OrganisationListResponse,
  OrganisationResponse,
  PartnerResponse,
  UpdateOrganisationRequest,
} from "@fundline/schemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, inTransaction } from "../../plugins/write-context.ts";
import { createFund } from "../funds/record-fund.ts";
import { addPartner } from "../partners/add-partner.ts";
import { createOrganisation, listOrganisations, updateOrganisation } from "./record-organisation.ts";

const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

/** Reference data: organisations, their funds, and who takes part in which programme. */
export const organisationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  fastify.get("/organisations", { schema: { response: { 200: OrganisationListResponse } } }, () =>
    listOrganisations(fastify.prisma),
  );

  fastify.post(
    "/organisations",
    { schema: { body: CreateOrganisationRequest, response: { 201: OrganisationResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            createOrganisation(tx, { input: request.body, ...context(request) }),
          ),
        ),
  );

  fastify.patch(
    "/organisations/:id",
    {
      schema: {
        params: IdParams,
        body: UpdateOrganisationRequest,
        response: { 200: OrganisationResponse, ...writeErrors },
      },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateOrganisation(tx, { id: request.params.id, input: request.body, ...context(request) }),
      ),
  );

  fastify.post(
    "/funds",
    { schema: { body: CreateFundRequest, response: { 201: FundResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) => createFund(tx, { input: request.body, ...context(request) })),
        ),
  );

  fastify.post(
    "/programmes/:id/partners",
    { schema: { params: IdParams, body: AddPartnerRequest, response: { 201: PartnerResponse, ...writeErrors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            addPartner(tx, { programmeId: request.params.id, input: request.body, ...context(request) }),
          ),
        ),
  );
};
