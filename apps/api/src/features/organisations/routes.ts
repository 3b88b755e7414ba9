import {
  AddPartnerRequest,
  CreateFundRequest,
  CreateOrganisationRequest,
  FundListQuery,
  FundListResponse,
  FundResponse,
  IdParams,
  OrganisationListQuery,
  OrganisationListResponse,
  OrganisationResponse,
  PartnerListQuery,
  PartnerListResponse,
  PartnerResponse,
  RetireRequest,
  UpdateFundRequest,
  UpdateOrganisationRequest,
  UpdatePartnerRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../plugins/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../plugins/write-context.ts";
import { createFund, listFunds, retireFund, updateFund } from "../funds/funds.ts";
import { addPartner, listPartners, updatePartner } from "../partners/partners.ts";
import {
  createOrganisation,
  listOrganisations,
  retireOrganisation,
  updateOrganisation,
} from "./record-organisation.ts";

/** Reference data: organisations, their funds, and who takes part in which programme. */
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

  fastify.get(
    "/funds",
    {
      config: { access: "read" },
      schema: { querystring: FundListQuery, response: { 200: FundListResponse, ...listErrors } },
    },
    (request) => listFunds(fastify.prisma, request.query),
  );
  fastify.post(
    "/funds",
    {
      config: { access: "reference.write" },
      schema: { body: CreateFundRequest, response: { 201: FundResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await write((tx) => createFund(tx, { input: request.body, ...writeContextOf(request) }))),
  );
  fastify.patch(
    "/funds/:id",
    {
      config: { access: "reference.write", scope: [] },
      schema: { params: IdParams, body: UpdateFundRequest, response: { 200: FundResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => updateFund(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );
  fastify.post(
    "/funds/:id/retire",
    {
      config: { access: "reference.write", scope: [] },
      schema: { params: IdParams, body: RetireRequest, response: { 200: FundResponse, ...writeErrors } },
    },
    (request) =>
      write((tx) => retireFund(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) })),
  );

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
