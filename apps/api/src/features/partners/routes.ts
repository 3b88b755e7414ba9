import {
  AddPartnerRequest,
  PartnerListQuery,
  PartnerListResponse,
  PartnerResponse,
  PartnerRightsRequest,
  UpdatePartnerRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { addPartner, listPartners, setPartnerRights, updatePartner } from "./partners.ts";
import "./records.ts";

/** Who takes part in which programme, in which role, from when to when (never retired: withdrawn). */
export const partnerRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const theProgramme = { table: "Programme", in: "params", field: "id" } as const;
  routes.list(
    "/programmes/:id/partners",
    { access: "read", scope: [theProgramme] },
    { query: PartnerListQuery, response: PartnerListResponse },
    ({ query, params }) => listPartners(fastify.prisma, params.id, query),
  );
  routes.create(
    "/programmes/:id/partners",
    { access: "programme.write", scope: [theProgramme] },
    { body: AddPartnerRequest, response: PartnerResponse },
    (tx, { params, ...partner }) => addPartner(tx, { programmeId: params.id, ...partner }),
  );
  routes.update(
    "/partners/:id",
    { access: "programme.write", scope: [{ table: "ProgrammePartner", in: "params", field: "id" }] },
    { body: UpdatePartnerRequest, response: PartnerResponse },
    updatePartner,
  );
  // The partner's programme must be one the writer's council leads (its "owner").
  routes.update(
    "/partners/:id/rights",
    { access: "money.write", scope: [{ table: "ProgrammePartner", in: "params", field: "id", must: "own" }] },
    { body: PartnerRightsRequest, response: PartnerResponse },
    setPartnerRights,
  );
};
