import { ErrorResponse, SessionResponse, SignInRequest } from "@fundline/schemas";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Unauthenticated } from "../../errors.ts";
import { replyWithNewSession } from "./session-cookie.ts";
import { sessionResponse } from "./session-response.ts";
import { endSession, type SessionSettings } from "./sessions.ts";
import { signIn } from "./sign-in.ts";

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
