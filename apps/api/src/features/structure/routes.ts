import {
  CostLineListQuery,
  CostLineListResponse,
  CostLineResponse,
  CostSharingAgreementListQuery,
  CostSharingAgreementListResponse,
  CostSharingAgreementResponse,
  CreateCostLineRequest,
  CreateCostSharingAgreementRequest,
  CreateWorkstreamRequest,
  UpdateCostLineRequest,
  UpdateCostSharingAgreementRequest,
  UpdateWorkstreamRequest,
  WorkstreamListQuery,
  WorkstreamListResponse,
  WorkstreamResponse,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { agreementChange, agreementCreation, agreementRetirement } from "./agreement-approvals.ts";
import { createCostLine, listCostLines, retireCostLine, updateCostLine } from "./cost-lines.ts";
import { listCostSharingAgreements } from "./cost-sharing-agreements.ts";
import { createWorkstream, listWorkstreams, retireWorkstream, updateWorkstream } from "./workstreams.ts";
import "./records.ts";

/** How a programme is organised: workstreams, cost lines and cost-sharing agreements. */
export const structureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const theProgramme = { table: "Programme", in: "params", field: "id" } as const;
  // Adding to a programme's structure is its lead's, or a partner's the lead has granted it to.
  const shapingTheProgramme = { ...theProgramme, must: "own or granted" } as const;

  // Workstreams
  const thisWorkstream = { table: "Workstream", in: "params", field: "id", must: "own or granted" } as const;
  routes.list(
    "/programmes/:id/workstreams",
    { access: "read", scope: [theProgramme] },
    { query: WorkstreamListQuery, response: WorkstreamListResponse },
    ({ query, params }) => listWorkstreams(fastify.prisma, params.id, query),
  );
  routes.create(
    "/programmes/:id/workstreams",
    { access: "programme.write", scope: [shapingTheProgramme] },
    { body: CreateWorkstreamRequest, response: WorkstreamResponse },
    (tx, { params, ...workstream }) => createWorkstream(tx, { programmeId: params.id, ...workstream }),
  );
  routes.update(
    "/workstreams/:id",
    { access: "programme.write", scope: [thisWorkstream] },
    { body: UpdateWorkstreamRequest, response: WorkstreamResponse },
    updateWorkstream,
  );
  routes.retire(
    "/workstreams/:id/retire",
    { access: "programme.write", scope: [thisWorkstream] },
    WorkstreamResponse,
    retireWorkstream,
  );

  // Cost lines
  const thisLine = { table: "CostLine", in: "params", field: "id" } as const;
  routes.list(
    "/programmes/:id/cost-lines",
    { access: "read", scope: [theProgramme] },
    { query: CostLineListQuery, response: CostLineListResponse },
    ({ query, params }) => listCostLines(fastify.prisma, params.id, query),
  );
  routes.create(
    "/programmes/:id/cost-lines",
    { access: "money.write", scope: [shapingTheProgramme] },
    { body: CreateCostLineRequest, response: CostLineResponse },
    (tx, { params, ...line }) => createCostLine(tx, { programmeId: params.id, ...line }),
  );
  routes.update(
    "/cost-lines/:id",
    { access: "money.write", scope: [thisLine, { table: "Workstream", in: "body", field: "workstreamId" }] },
    { body: UpdateCostLineRequest, response: CostLineResponse },
    updateCostLine,
  );
  routes.retire(
    "/cost-lines/:id/retire",
    { access: "money.write", scope: [thisLine] },
    CostLineResponse,
    retireCostLine,
  );

  // Cost-sharing agreements
  const thisAgreement = { table: "CostSharingAgreement", in: "params", field: "id" } as const;
  routes.list(
    "/programmes/:id/cost-sharing-agreements",
    { access: "read", scope: [theProgramme] },
    { query: CostSharingAgreementListQuery, response: CostSharingAgreementListResponse },
    ({ query, params }) => listCostSharingAgreements(fastify.prisma, params.id, query),
  );
  routes.create(
    "/programmes/:id/cost-sharing-agreements",
    { access: "money.write", scope: [shapingTheProgramme] },
    { body: CreateCostSharingAgreementRequest, response: CostSharingAgreementResponse },
    agreementCreation,
  );
  routes.update(
    "/cost-sharing-agreements/:id",
    { access: "money.write", scope: [thisAgreement, { table: "CostLine", in: "body", field: "costLineId" }] },
    { body: UpdateCostSharingAgreementRequest, response: CostSharingAgreementResponse },
    agreementChange,
  );
  routes.retire(
    "/cost-sharing-agreements/:id/retire",
    { access: "money.write", scope: [thisAgreement] },
    CostSharingAgreementResponse,
    agreementRetirement,
  );
};
