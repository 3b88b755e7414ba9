import {
  CommitmentDetail,
  CommitmentListQuery,
  CommitmentListResponse,
  CommitmentResponse,
  CreateCommitmentRequest,
  UpdateCommitmentRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { commitmentChange, commitmentCreation, commitmentRetirement } from "./commitment-approvals.ts";
import { getCommitment, listCommitments } from "./list-commitments.ts";
import "./records.ts";

/** Funding commitments: what a funder awarded, with its financial-year profile. */
export const commitmentRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisCommitment = { table: "FundingCommitment", in: "params", field: "id" } as const;
  const itsDecision = { table: "Decision", in: "body", field: "decisionId" } as const;
  routes.list(
    "/commitments",
    { access: "read" },
    { query: CommitmentListQuery, response: CommitmentListResponse },
    ({ query, scope }) => listCommitments(fastify.prisma, query, scope),
  );
  routes.one("/commitments/:id", { access: "read", scope: [thisCommitment] }, CommitmentDetail, (id) =>
    getCommitment(fastify.prisma, id),
  );
  routes.create(
    "/commitments",
    { access: "money.write", scope: [{ table: "Programme", in: "body", field: "programmeId" }, itsDecision] },
    { body: CreateCommitmentRequest, response: CommitmentResponse },
    commitmentCreation,
    { idempotent: true },
  );
  routes.update(
    "/commitments/:id",
    {
      access: "money.write",
      scope: [thisCommitment, itsDecision, { table: "Programme", in: "body", field: "programmeId" }],
    },
    { body: UpdateCommitmentRequest, response: CommitmentResponse },
    commitmentChange,
  );
  routes.retire(
    "/commitments/:id/retire",
    { access: "money.write", scope: [thisCommitment] },
    CommitmentResponse,
    commitmentRetirement,
  );
};
