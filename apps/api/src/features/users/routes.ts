import {
  AcceptInvitationRequest,
  ErrorResponse,
  IdParams,
  InvitedUserResponse,
  InviteUserRequest,
  SessionResponse,
  SignInFailureListResponse,
  SignInFailuresResponse,
  UpdateUserRequest,
  UserListQuery,
  UserListResponse,
  UserResponse,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listErrors } from "../../lib/paging.ts";
import { replyWithNewSession } from "../../lib/session-cookie.ts";
import type { SessionSettings } from "../../lib/sessions.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { clearSignInFailures, listSignInFailures, signInFailures } from "./sign-in-failures.ts";
import { acceptInvitation, inviteUser, listUsers, updateUser } from "./users.ts";
import "./records.ts";

/** Administrators invite, change and deactivate users; invited people choose their password. */
export const userRoutes: FastifyPluginAsyncZod<{ settings: SessionSettings }> = async (fastify, options) => {
  fastify.get(
    "/users",
    {
      config: { access: "users.manage" },
      schema: { querystring: UserListQuery, response: { 200: UserListResponse, ...listErrors } },
    },
    (request) => listUsers(fastify.prisma, request.query),
  );
  fastify.post(
    "/users",
    {
      config: { access: "users.manage" },
      schema: { body: InviteUserRequest, response: { 201: InvitedUserResponse, ...writeErrors } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(fastify.prisma, (tx) =>
            inviteUser(tx, { input: request.body, ...writeContextOf(request) }),
          ),
        ),
  );
  fastify.patch(
    "/users/:id",
    {
      config: { access: "users.manage", scope: [] },
      schema: { params: IdParams, body: UpdateUserRequest, response: { 200: UserResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        updateUser(tx, { id: request.params.id, input: request.body, ...writeContextOf(request) }),
      ),
  );
  fastify.get(
    "/sign-in-failures",
    { config: { access: "users.manage" }, schema: { response: { 200: SignInFailureListResponse } } },
    () => listSignInFailures(fastify.prisma),
  );
  fastify.get(
    "/users/:id/sign-in-failures",
    {
      config: { access: "users.manage", scope: [] },
      schema: { params: IdParams, response: { 200: SignInFailuresResponse, 404: ErrorResponse } },
    },
    (request) => signInFailures(fastify.prisma, request.params.id),
  );
  fastify.delete(
    "/users/:id/sign-in-failures",
    {
      config: { access: "users.manage", scope: [] },
      schema: { params: IdParams, response: { 200: SignInFailuresResponse, ...writeErrors } },
    },
    (request) =>
      inTransaction(fastify.prisma, (tx) =>
        clearSignInFailures(tx, { id: request.params.id, ...writeContextOf(request) }),
      ),
  );
  fastify.post(
    "/invitations/accept",
    {
      config: { access: "public" },
      schema: {
        body: AcceptInvitationRequest,
        response: { 200: SessionResponse, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const session = await acceptInvitation(fastify.prisma, {
        input: request.body,
        settings: options.settings,
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"],
      });
      return replyWithNewSession(fastify, reply, session, options.settings);
    },
  );
};
