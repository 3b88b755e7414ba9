import fastifyCookie from "@fastify/cookie";
import { can, type Permission, ROLE_NAMES } from "@fundline/domain";
import fp from "fastify-plugin";
import { Forbidden, Unauthenticated } from "../errors.ts";
import { assertInScope, type ScopeCheck } from "../lib/scope.ts";
import { csrfTokenMatches, type Principal, principalFor, type SessionSettings } from "../lib/sessions.ts";

/**
 * What a route requires: a permission from the shared table; "session": only to be signed in
 * (even part way, to set up a required second factor); or nothing ("public").
 */
export type RouteAccess = Permission | "session" | "public";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The scoped records a request names (`[]`: reference data, seen by everyone signed in). */
    scope?: readonly ScopeCheck[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every API route with its rule: the authorisation matrix test is built from this. */
    routeRules: RouteRule[];
    sessionCookie: { name: string; secure: boolean };
  }
}

export type RouteRule = { method: string; url: string; access: RouteAccess; scope: readonly ScopeCheck[] };

export type AccessOptions = SessionSettings & {
  /** Secure, `__Host-`-prefixed cookies; off only in development over plain http. */
  secureCookies: boolean;
  /**
   * Whether /api/docs and /api/openapi.json are open to anyone (development) or only to people
   * signed in (production: no need to describe a council's server to strangers).
   */
  publicDocumentation?: boolean;
};

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The API's own documentation describes routes, not data.
const DOCUMENTATION = /^\/api\/(docs|openapi\.json)/;

/**
 * Sign-in and authorisation for every `/api` route: each must declare `config.access`, or the
 * app refuses to start. Requests get `request.principal` from the session cookie; a missing
 * session is 401, a role without the permission 403, a write without the CSRF token 403.
 */
export const accessPlugin = fp<AccessOptions>(
  async (fastify, options) => {
    await fastify.register(fastifyCookie);
    const cookie = {
      name: options.secureCookies ? "__Host-fundline_session" : "fundline_session",
      secure: options.secureCookies,
    };
    fastify.decorate("sessionCookie", cookie);
    fastify.decorateRequest("principal", null);

    const routeRules: RouteRule[] = [];
    fastify.decorate("routeRules", routeRules);
    fastify.addHook("onRoute", (route) => {
      if (!route.url.startsWith("/api/")) return;
      const documentation: RouteAccess = options.publicDocumentation === false ? "session" : "public";
      const access = route.config?.access ?? (DOCUMENTATION.test(route.url) ? documentation : undefined);
      if (!access) throw new Error(`${route.method} ${route.url} has no access rule: set config.access`);
      route.config = { ...route.config, access };
      // A route that names a record in its URL must say how that record is scoped.
      if (access !== "public" && route.url.includes("/:") && !route.config?.scope && !DOCUMENTATION.test(route.url)) {
        throw new Error(`${route.method} ${route.url} names a record but has no scope rule: set config.scope`);
      }
      for (const method of [route.method].flat()) {
        if (method !== "HEAD") routeRules.push({ method, url: route.url, access, scope: route.config?.scope ?? [] });
      }
    });

    fastify.addHook("onRequest", async (request) => {
      const access = request.routeOptions.config?.access;
      // Public routes (health, sign-in, docs) never need to know who is asking.
      if (!access || access === "public") return;
      const token = request.cookies[cookie.name];
      request.principal = token ? await principalFor(fastify.prisma, token, options) : null;
      const principal = request.principal;
      if (!principal) throw new Unauthenticated("Sign in to continue.");
      if (access !== "session") {
        if (principal.enrolmentPending) {
          throw new Forbidden("Your role requires two-factor sign-in. Set it up first: POST /api/session/totp.");
        }
        if (!can(principal.role, access)) {
          throw new Forbidden(`A ${ROLE_NAMES[principal.role].toLowerCase()} cannot do this.`);
        }
      }
      if (
        STATE_CHANGING.has(request.method) &&
        !csrfTokenMatches(principal.csrfToken, request.headers["x-csrf-token"])
      ) {
        throw new Forbidden("The x-csrf-token header is missing or wrong. Fetch it from GET /api/session.");
      }
    });

    // Before validation: a record outside scope answers 404 whatever else is wrong with the
    // request, exactly like one that does not exist. (Ids that are not UUIDs are left to validation.)
    fastify.addHook("preValidation", async (request) => {
      const { access, scope } = request.routeOptions.config ?? {};
      if (!scope?.length || !access || access === "public" || access === "session") return;
      await assertInScope(fastify.prisma, request, scope, access);
    });
  },
  { name: "access", dependencies: ["prisma"] },
);
