import {
  CreateOrganisationRequest,
  OrganisationListQuery,
  OrganisationListResponse,
  OrganisationResponse,
  UpdateOrganisationRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import {
  createOrganisation,
  listOrganisations,
  retireOrganisation,
  updateOrganisation,
} from "./record-organisation.ts";
import "./records.ts";

/** Reference data: the organisations that lead, fund, supply and evaluate programmes. */
export const organisationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  // Reference data: seen by everyone signed in (scope []), written by administrators.
  const referenceWrite = { access: "reference.write", scope: [] } as const;
  routes.list(
    "/organisations",
    { access: "read" },
    { query: OrganisationListQuery, response: OrganisationListResponse },
    ({ query }) => listOrganisations(fastify.prisma, query),
  );
  routes.create(
    "/organisations",
    { access: "reference.write" },
    { body: CreateOrganisationRequest, response: OrganisationResponse },
    createOrganisation,
  );
  routes.update(
    "/organisations/:id",
    referenceWrite,
    { body: UpdateOrganisationRequest, response: OrganisationResponse },
    updateOrganisation,
  );
  routes.retire("/organisations/:id/retire", referenceWrite, OrganisationResponse, retireOrganisation);
};
