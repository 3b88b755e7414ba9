import { HealthResponse, ReadinessResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { checkDatabase, checkReadiness } from "./check-database.ts";

export const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  // Liveness, and whether the database answers: 503 while it does not.
  fastify.get(
    "/health",
    { config: { access: "public" }, schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_request, reply) => {
      const db = await checkDatabase(fastify.prisma);
      return reply.status(db === "ok" ? 200 : 503).send({ status: db === "ok" ? "ok" : "degraded", db });
    },
  );

  // Readiness, for a load balancer: send traffic only when the database answers and is migrated.
  fastify.get(
    "/ready",
    { config: { access: "public" }, schema: { response: { 200: ReadinessResponse, 503: ReadinessResponse } } },
    async (_request, reply) => {
      const { db, pendingMigrations } = await checkReadiness(fastify.prisma);
      const ready = db === "ok" && pendingMigrations?.length === 0;
      return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", db, pendingMigrations });
    },
  );
};
