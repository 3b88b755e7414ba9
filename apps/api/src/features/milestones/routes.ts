import {
  CreateMilestoneRequest,
  MilestoneListQuery,
  MilestoneListResponse,
  MilestoneResponse,
  UpdateMilestoneRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { createMilestone, listMilestones, retireMilestone, updateMilestone } from "./milestones.ts";
import "./records.ts";

/** Milestones: baseline, forecast and actual dates, with their history. */
export const milestoneRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisMilestone = {
    access: "delivery.write",
    scope: [{ table: "Milestone", in: "params", field: "id" }],
  } as const;
  routes.list(
    "/milestones",
    { access: "read" },
    { query: MilestoneListQuery, response: MilestoneListResponse },
    ({ query, scope }) => listMilestones(fastify.prisma, query, scope),
  );
  routes.create(
    "/milestones",
    { access: "delivery.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }] },
    { body: CreateMilestoneRequest, response: MilestoneResponse },
    createMilestone,
  );
  routes.update(
    "/milestones/:id",
    thisMilestone,
    { body: UpdateMilestoneRequest, response: MilestoneResponse },
    updateMilestone,
  );
  routes.retire("/milestones/:id/retire", thisMilestone, MilestoneResponse, retireMilestone);
};
