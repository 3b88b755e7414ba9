import {
  CouncilSignInListResponse,
  CouncilSignInResponse,
  ErrorResponse,
  IdentityProviderSettings,
  IdParams,
  SingleSignOnCallbackQuery,
  SingleSignOnCouncilsResponse,
  StartSingleSignOnQuery,
} from "@fundline/schemas";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { setSessionCookie } from "../../lib/session-cookie.ts";
import type { SessionSettings } from "../../lib/sessions.ts";
import { writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { finishCouncilSignIn, SignInRefused, startCouncilSignIn } from "./council-sign-in.ts";
import {
  listCouncilSignIn,
  removeIdentityProvider,
  saveIdentityProvider,
  singleSignOnCouncils,
} from "./identity-providers.ts";
import type { ProviderOptions } from "./provider-configuration.ts";
import "./records.ts";

export type SingleSignOnOptions = {
  settings: SessionSettings;
  /** Fundline's address as people reach it (FUNDLINE_PUBLIC_URL); otherwise the request's own. */
  publicUrl?: string;
  provider?: ProviderOptions;
};

const CALLBACK_PATH = "/api/sso/callback";

/**
 * Signing in with a council's own accounts (OpenID Connect, authorization code with PKCE), and
 * the administrators' settings for each council's identity provider.
 */
export const singleSignOnRoutes: FastifyPluginAsyncZod<SingleSignOnOptions> = async (fastify, options) => {
  const redirectUriOf = (request: FastifyRequest) =>
    `${options.publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;
  const { secure } = fastify.sessionCookie;
  // Ties the provider's answer to the browser that asked: __Host- in production, as the session's.
  const stateCookie = secure ? "__Host-fundline-sign-in" : "fundline-sign-in";
  const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax", secure } as const;

  fastify.get(
    "/council-sign-in",
    { config: { access: "users.manage" }, schema: { response: { 200: CouncilSignInListResponse } } },
    async (request) => ({ councils: await listCouncilSignIn(fastify.prisma), redirectUri: redirectUriOf(request) }),
  );
  fastify.put(
    "/council-sign-in/:id",
    {
      config: { access: "users.manage", scope: [] },
      schema: {
        params: IdParams,
        body: IdentityProviderSettings,
        response: { 200: CouncilSignInResponse, ...writeErrors },
      },
    },
    (request) =>
      saveIdentityProvider(fastify.prisma, {
        organisationId: request.params.id,
        input: request.body,
        provider: options.provider,
        ...writeContextOf(request),
      }),
  );
  fastify.delete(
    "/council-sign-in/:id",
    {
      config: { access: "users.manage", scope: [] },
      schema: { params: IdParams, response: { 200: CouncilSignInResponse, ...writeErrors } },
    },
    (request) =>
      removeIdentityProvider(fastify.prisma, { organisationId: request.params.id, ...writeContextOf(request) }),
  );

  fastify.get(
    "/sso/councils",
    { config: { access: "public" }, schema: { response: { 200: SingleSignOnCouncilsResponse } } },
    () => singleSignOnCouncils(fastify.prisma),
  );

  // The browser arrives at these two without a session; each try is a round trip to a council's
  // provider, so both are rate limited per address.
  const refuse = (reply: FastifyReply, error: unknown, request: FastifyRequest) => {
    if (!(error instanceof SignInRefused)) throw error;
    request.log.warn({ refusal: error.message }, "council sign-in refused");
    return reply
      .clearCookie(stateCookie, cookieOptions)
      .redirect(`/?signInRefused=${encodeURIComponent(error.reason)}`, 303);
  };
  fastify.get(
    "/sso/start",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: { querystring: StartSingleSignOnQuery, response: { 400: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      try {
        const started = await startCouncilSignIn(fastify.prisma, {
          organisationId: request.query.organisationId,
          redirectUri: redirectUriOf(request),
          provider: options.provider,
        });
        return reply
          .setCookie(stateCookie, started.state, { ...cookieOptions, expires: started.expiresAt })
          .redirect(started.authorizationUrl, 302);
      } catch (error) {
        return refuse(reply, error, request);
      }
    },
  );
  fastify.get(
    "/sso/callback",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: { querystring: SingleSignOnCallbackQuery, response: { 400: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const callbackUrl = new URL(redirectUriOf(request));
      callbackUrl.search = new URL(request.url, "http://callback").search;
      try {
        const session = await finishCouncilSignIn(fastify.prisma, {
          callbackUrl,
          browserState: request.cookies[stateCookie],
          ipAddress: request.ip,
          userAgent: request.headers["user-agent"],
          requestId: request.id,
          settings: options.settings,
          provider: options.provider,
        });
        return setSessionCookie(fastify, reply.clearCookie(stateCookie, cookieOptions), session).redirect("/", 303);
      } catch (error) {
        return refuse(reply, error, request);
      }
    },
  );
};
