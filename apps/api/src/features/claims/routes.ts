import {
  ClaimListResponse,
  ClaimPack,
  ClaimPackQuery,
  ClaimPaidRequest,
  ClaimResponse,
  CreateClaimRequest,
  IdParams,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { recordRoutes } from "../../lib/record-routes.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { claimPack } from "./claim-pack.ts";
import { claimWorkbook } from "./claim-workbook.ts";
import { claimsOf, createClaim, markClaimPaid, retireClaim } from "./claims.ts";
import "./records.ts";

/** Funder claims: the claim pack for a commitment and a period, and the claims made. */
export const claimRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const theCommitment = { table: "FundingCommitment", in: "params", field: "id" } as const;
  const thisClaim = { table: "FunderClaim", in: "params", field: "id" } as const;

  fastify.get(
    "/commitments/:id/claim-pack",
    {
      config: { access: "read", scope: [theCommitment] },
      schema: {
        description: "The claim pack for the period (`download=workbook`: an XLSX workbook with one sheet per part).",
        params: IdParams,
        querystring: ClaimPackQuery,
        response: { 200: ClaimPack, ...listErrors },
      },
    },
    async (request, reply) => {
      const pack = await fastify.readMayLag(request, (prisma) => claimPack(prisma, request.params.id, request.query));
      if (request.query.download !== "workbook") return pack;
      const name = `claim-${request.query.from}-to-${request.query.to}.xlsx`;
      // A Buffer is sent as it is; the 200 schema describes the JSON pack.
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send((await claimWorkbook(pack)) as never);
    },
  );

  fastify.get(
    "/commitments/:id/claims",
    {
      config: { access: "read", scope: [theCommitment] },
      schema: { params: IdParams, response: { 200: ClaimListResponse, ...listErrors } },
    },
    async (request) => ({ claims: await claimsOf(fastify.prisma, request.params.id) }),
  );

  routes.create(
    "/claims",
    { access: "money.write", scope: [{ table: "FundingCommitment", in: "body", field: "commitmentId", must: "own" }] },
    { body: CreateClaimRequest, response: ClaimResponse },
    createClaim,
    { idempotent: true },
  );

  fastify.post(
    "/claims/:id/paid",
    {
      config: {
        access: "money.write",
        scope: [thisClaim, { table: "Receipt", in: "body", field: "receiptId" }],
      },
      schema: { params: IdParams, body: ClaimPaidRequest, response: { 200: ClaimResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        markClaimPaid(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );

  routes.retire("/claims/:id/retire", { access: "money.write", scope: [thisClaim] }, ClaimResponse, retireClaim);
};
