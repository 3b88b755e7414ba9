import { HealthResponse } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { checkDatabase } from "./check-database.ts";

export const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/health",
    { config: { access: "public" }, schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_request, reply) => {
      const db = await checkDatabase(fastify.prisma);
      return reply.status(db === "ok" ? 200 : 503).send({ status: db === "ok" ? "ok" : "degraded", db });
    },
  );
};
