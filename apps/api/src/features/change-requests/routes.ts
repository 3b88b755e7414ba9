import {
  ApproveChangeRequest,
  ChangeRequestListQuery,
  ChangeRequestListResponse,
  ChangeRequestResponse,
  IdParams,
  RejectChangeRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { approveChangeRequest, getChangeRequest, listChangeRequests, rejectChangeRequest } from "./change-requests.ts";
import "./records.ts";

/** Money changes waiting for a second person, and deciding them. */
export const changeRequestRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const thisRequest = { table: "ChangeRequest", in: "params", field: "id" } as const;

  fastify.get(
    "/change-requests",
    {
      config: { access: "read" },
      schema: { querystring: ChangeRequestListQuery, response: { 200: ChangeRequestListResponse, ...listErrors } },
    },
    (request) => listChangeRequests(fastify.prisma, request.query, writeContextOf(request).actor),
  );

  fastify.get(
    "/change-requests/:id",
    {
      config: { access: "read", scope: [thisRequest] },
      schema: { params: IdParams, response: { 200: ChangeRequestResponse, ...listErrors } },
    },
    (request) => getChangeRequest(fastify.prisma, request.params.id),
  );

  fastify.post(
    "/change-requests/:id/approve",
    {
      config: { access: "money.write", scope: [thisRequest] },
      schema: {
        params: IdParams,
        body: ApproveChangeRequest,
        response: { 200: ChangeRequestResponse, ...writeErrors },
      },
    },
    (request) =>
      approveChangeRequest(fastify.prisma, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
  );

  fastify.post(
    "/change-requests/:id/reject",
    {
      config: { access: "money.write", scope: [thisRequest] },
      schema: { params: IdParams, body: RejectChangeRequest, response: { 200: ChangeRequestResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        rejectChangeRequest(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
};
