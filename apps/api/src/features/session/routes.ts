import {
  ConfirmTotpRequest,
  ConflictResponse,
  ErrorResponse,
  RoleParams,
  RolePolicy,
  RolePolicyListResponse,
  SessionResponse,
  SignInRequest,
  TotpEnrolmentResponse,
  UpdateRolePolicyRequest,
} from "@fundline/schemas";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { principalOf } from "../../lib/scope.ts";
import { replyWithNewSession } from "../../lib/session-cookie.ts";
import { sessionResponse } from "../../lib/session-response.ts";
import { endSession, type SessionSettings } from "../../lib/sessions.ts";
import { writeContextOf } from "../../lib/write-context.ts";
import { signIn } from "./sign-in.ts";
import { confirmTotpEnrolment, listRolePolicies, startTotpEnrolment, updateRolePolicy } from "./two-factor.ts";

const sessionErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

/** Sign in (`POST`), who am I and the CSRF token (`GET`), sign out (`DELETE`). */
export const sessionRoutes: FastifyPluginAsyncZod<{ settings: SessionSettings }> = async (fastify, options) => {
  const { name, secure } = fastify.sessionCookie;
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(name, { path: "/", secure, httpOnly: true, sameSite: "lax" });

  fastify.post(
    "/session",
    {
      config: { access: "public" },
      schema: { body: SignInRequest, response: { 200: SessionResponse, ...sessionErrors } },
    },
    async (request, reply) => {
      const session = await signIn(fastify.prisma, {
        input: request.body,
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"],
        settings: options.settings,
      });
      // A new session id at every sign-in: any session id planted before it is worthless.
      return replyWithNewSession(fastify, reply, session, options.settings);
    },
  );

  fastify.get(
    "/session",
    { config: { access: "session" }, schema: { response: { 200: SessionResponse, ...sessionErrors } } },
    (request) => sessionResponse(principalOf(request)),
  );

  fastify.delete(
    "/session",
    { config: { access: "session" }, schema: { response: sessionErrors } },
    async (request, reply) => {
      if (request.principal) await endSession(fastify.prisma, request.principal.sessionId);
      return clearCookie(reply).status(204).send();
    },
  );

  // Two-factor sign-in (RFC 6238): start, then confirm with a code from the app.
  fastify.post(
    "/session/totp",
    { config: { access: "session" }, schema: { response: { 200: TotpEnrolmentResponse, ...sessionErrors } } },
    (request) => startTotpEnrolment(fastify.prisma, principalOf(request)),
  );
  fastify.post(
    "/session/totp/confirm",
    {
      config: { access: "session" },
      schema: { body: ConfirmTotpRequest, response: { 200: SessionResponse, 422: ErrorResponse, ...sessionErrors } },
    },
    async (request) => {
      const principal = principalOf(request);
      await confirmTotpEnrolment(fastify.prisma, principal, request.body.code, request.id);
      return sessionResponse({ ...principal, totpEnabled: true, enrolmentPending: false });
    },
  );

  // Which roles must use two-factor sign-in: administrators decide.
  fastify.get(
    "/role-policies",
    { config: { access: "users.manage" }, schema: { response: { 200: RolePolicyListResponse, ...sessionErrors } } },
    () => listRolePolicies(fastify.prisma),
  );
  fastify.patch(
    "/role-policies/:role",
    {
      config: { access: "users.manage", scope: [] },
      schema: {
        params: RoleParams,
        body: UpdateRolePolicyRequest,
        response: { 200: RolePolicy, 409: ConflictResponse, ...sessionErrors },
      },
    },
    (request) =>
      updateRolePolicy(fastify.prisma, { role: request.params.role, input: request.body, ...writeContextOf(request) }),
  );
};
