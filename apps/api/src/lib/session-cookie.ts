import type { FastifyInstance, FastifyReply } from "fastify";
import { Unauthenticated } from "../errors.ts";
import { sessionResponse } from "./session-response.ts";
import { principalFor, type SessionSettings } from "./sessions.ts";

/** The cookie of a session just started (a sign-in by password, invitation or council account). */
export function setSessionCookie(
  fastify: FastifyInstance,
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
): FastifyReply {
  const { name, secure } = fastify.sessionCookie;
  return reply.setCookie(name, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires: session.expiresAt,
  });
}

/** Sets the cookie for a session just started and answers what `GET /api/session` would. */
export async function replyWithNewSession(
  fastify: FastifyInstance,
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
  settings: SessionSettings,
) {
  setSessionCookie(fastify, reply, session);
  const principal = await principalFor(fastify.prisma, session.token, settings);
  if (!principal) throw new Unauthenticated("Sign in to continue.");
  return sessionResponse(principal);
}
