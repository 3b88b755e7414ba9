import { PERMISSIONS, type Permission } from "@fundline/domain";
import { ErrorResponse, SessionResponse, SignInRequest } from "@fundline/schemas";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Unauthenticated } from "../../errors.ts";
import { endSession, type Principal, principalFor, type SessionSettings } from "./sessions.ts";
import { signIn } from "./sign-in.ts";

const sessionErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

export function sessionResponse(principal: Principal): SessionResponse {
  return {
    user: {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      role: principal.role,
      organisation: { id: principal.organisationId, name: principal.organisationName },
    },
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
      PERMISSIONS[permission].includes(principal.role),
    ),
    csrfToken: principal.csrfToken,
    expiresAt: principal.expiresAt.toISOString(),
  };
}

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
      const { token, expiresAt } = await signIn(fastify.prisma, {
        input: request.body,
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"],
        settings: options.settings,
      });
      // A new session id at every sign-in: any session id planted before it is worthless.
      reply.setCookie(name, token, { path: "/", httpOnly: true, sameSite: "lax", secure, expires: expiresAt });
      const principal = await principalFor(fastify.prisma, token, options.settings);
      if (!principal) throw new Unauthenticated("Sign in to continue.");
      return sessionResponse(principal);
    },
  );

  fastify.get(
    "/session",
    { config: { access: "read" }, schema: { response: { 200: SessionResponse, ...sessionErrors } } },
    (request) => {
      if (!request.principal) throw new Unauthenticated("Sign in to continue.");
      return sessionResponse(request.principal);
    },
  );

  fastify.delete(
    "/session",
    { config: { access: "read" }, schema: { response: sessionErrors } },
    async (request, reply) => {
      if (request.principal) await endSession(fastify.prisma, request.principal.sessionId);
      return clearCookie(reply).status(204).send();
    },
  );
};
