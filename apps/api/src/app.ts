import rateLimit from "@fastify/rate-limit";
import type { PrismaClient } from "@fundline/db";
import fp from "fastify-plugin";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { allocationRoutes } from "./features/allocations/routes.ts";
import { auditRoutes } from "./features/audit/routes.ts";
import { benefitRoutes } from "./features/benefits/routes.ts";
import { calendarRoutes } from "./features/calendar/routes.ts";
import { changeRequestRoutes } from "./features/change-requests/routes.ts";
import { claimRoutes } from "./features/claims/routes.ts";
import { commitmentRoutes } from "./features/commitments/routes.ts";
import { dashboardRoutes } from "./features/dashboard/routes.ts";
import { decisionRoutes } from "./features/decisions/routes.ts";
import { deliverableRoutes } from "./features/deliverables/routes.ts";
import { digestRoutes } from "./features/digests/routes.ts";
import { exportRoutes } from "./features/exports/routes.ts";
import { fundRoutes } from "./features/funds/routes.ts";
import { grantImportRoutes } from "./features/grant-import/routes.ts";
import { healthRoutes } from "./features/health/routes.ts";
import { milestoneRoutes } from "./features/milestones/routes.ts";
import { organisationRoutes } from "./features/organisations/routes.ts";
import { partnerRoutes } from "./features/partners/routes.ts";
import { periodRoutes } from "./features/periods/routes.ts";
import { programmeRoutes } from "./features/programmes/routes.ts";
import { receiptRoutes } from "./features/receipts/routes.ts";
import { reconciliationRoutes } from "./features/reconciliation/routes.ts";
import { riskRoutes } from "./features/risks/routes.ts";
import { sessionRoutes } from "./features/session/routes.ts";
import type { ProviderOptions } from "./features/single-sign-on/provider-configuration.ts";
import { singleSignOnRoutes } from "./features/single-sign-on/routes.ts";
import { spendRoutes } from "./features/spend/routes.ts";
import { spendImportRoutes } from "./features/spend-import/routes.ts";
import { structureRoutes } from "./features/structure/routes.ts";
import { userRoutes } from "./features/users/routes.ts";
import { trackRequests, WorkInFlight } from "./lib/work-in-flight.ts";
import { type AccessOptions, accessPlugin } from "./plugins/access.ts";
import { errorsPlugin } from "./plugins/errors.ts";
import { listExportPlugin } from "./plugins/list-export.ts";
import { metricsPlugin } from "./plugins/metrics.ts";
import { openApiPlugin } from "./plugins/openapi.ts";
import { prismaPlugin } from "./plugins/prisma.ts";
import { type ReplicaOptions, readReplicasPlugin } from "./plugins/read-replicas.ts";
import { securityHeadersPlugin } from "./plugins/security-headers.ts";
import { webAppPlugin } from "./plugins/web-app.ts";

export type AppOptions = {
  prisma: PrismaClient;
  /** Session lifetimes and cookie security; development defaults when omitted (tests). */
  access?: AccessOptions;
  /** Folder of the built web app; omit to serve the API alone. */
  webDist?: string;
  /** Keep the portfolio reconciliation between requests (FUNDLINE_PORTFOLIO_CACHE); on when omitted. */
  keepPortfolio?: boolean;
  /** Fundline's address as people reach it (FUNDLINE_PUBLIC_URL); each request's own when omitted. */
  publicUrl?: string;
  /** Streaming replicas for the reads that may lag (DATABASE_REPLICA_URLS); none when omitted. */
  replicas?: ReplicaOptions;
  /** Tests only: how openid-client judges councils' identity providers (its clock). */
  identityProviders?: ProviderOptions;
};

/** The whole of Fundline's HTTP surface as one plugin: server.ts and the tests register exactly this. */
// Not encapsulated (fastify-plugin), so the server and the tests see its decorations (`routeRules`).
export const app = fp<AppOptions>(
  async (fastify, options) => {
    // zod validates requests and serialises responses, with the schemas from @fundline/schemas.
    fastify.setValidatorCompiler(validatorCompiler);
    fastify.setSerializerCompiler(serializerCompiler);

    // Infrastructure first, then features.
    const access = options.access ?? DEVELOPMENT_ACCESS;
    await fastify.register(errorsPlugin);
    await fastify.register(securityHeadersPlugin);
    await fastify.register(listExportPlugin);
    await fastify.register(prismaPlugin, { prisma: options.prisma });
    await fastify.register(metricsPlugin, { prisma: options.prisma });
    // First of the request hooks, so a request is counted before the session lookup runs.
    fastify.decorate("workInFlight", new WorkInFlight());
    const tracking = trackRequests(fastify);
    fastify.addHook("onRequest", tracking.onRequest);
    fastify.addHook("onRoute", tracking.onRoute);
    fastify.addHook("onResponse", tracking.onResponse);
    await fastify.register(accessPlugin, access);
    await fastify.register(readReplicasPlugin, { prisma: options.prisma, replicas: options.replicas });
    await fastify.register(openApiPlugin);
    // Off by default: routes a browser or program reaches with no session (a calendar feed, a
    // council sign-in, an unsubscribe link) set their own limit in `config.rateLimit`.
    await fastify.register(rateLimit, { global: false });

    await fastify.register(
      async (api) => {
        await api.register(healthRoutes);
        await api.register(sessionRoutes, { settings: access });
        await api.register(userRoutes, { settings: access });
        await api.register(programmeRoutes);
        await api.register(dashboardRoutes);
        await api.register(commitmentRoutes);
        await api.register(allocationRoutes);
        await api.register(receiptRoutes);
        await api.register(spendRoutes);
        await api.register(milestoneRoutes);
        await api.register(organisationRoutes);
        await api.register(fundRoutes);
        await api.register(partnerRoutes);
        await api.register(riskRoutes);
        await api.register(deliverableRoutes);
        await api.register(benefitRoutes);
        await api.register(structureRoutes);
        await api.register(decisionRoutes);
        await api.register(periodRoutes);
        await api.register(changeRequestRoutes);
        await api.register(claimRoutes);
        await api.register(reconciliationRoutes, { keepPortfolio: options.keepPortfolio ?? true });
        await api.register(exportRoutes);
        await api.register(spendImportRoutes);
        await api.register(grantImportRoutes);
        await api.register(auditRoutes);
        await api.register(calendarRoutes);
        await api.register(digestRoutes);
        await api.register(singleSignOnRoutes, {
          settings: access,
          publicUrl: options.publicUrl,
          provider: options.identityProviders,
        });
      },
      { prefix: "/api" },
    );

    await fastify.register(webAppPlugin, { webDist: options.webDist });
  },
  { name: "fundline" },
);

/** Plain-http development: cookies without Secure; 30 minutes idle, 12 hours at most. */
export const DEVELOPMENT_ACCESS: AccessOptions = { secureCookies: false, idleMinutes: 30, absoluteHours: 12 };

/** Fastify's own options that both the server and the tests use. */
export const serverOptions = {
  // Money must never be coerced: no type coercion, no silent stripping of unknown fields.
  ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  bodyLimit: 1_048_576,
  requestIdHeader: "x-request-id",
  genReqId: () => crypto.randomUUID(),
  routerOptions: { ignoreTrailingSlash: true },
} as const;
