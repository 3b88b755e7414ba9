import { ThreeSixtyGivingExportQuery, TransparencyExportQuery } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { scopeOf } from "../../lib/scope.ts";
import { threeSixtyGivingPackage } from "./three-sixty-giving.ts";
import { transparencyCsv } from "./transparency.ts";

/** Files councils publish or pass on. */
export const exportRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/exports/transparency",
    {
      config: { access: "read" },
      // No response schema: the body is a CSV stream; errors still take the usual JSON shape.
      schema: { querystring: TransparencyExportQuery },
    },
    async (request, reply) => {
      const csv = await fastify.readMayLag(request, (prisma) =>
        transparencyCsv(prisma, request.query, scopeOf(request)),
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="spend-over-500-${request.query.from}-to-${request.query.to}.csv"`,
        )
        .send(csv);
    },
  );

  fastify.get(
    "/exports/360giving",
    // The 360Giving JSON Schema is the response's contract; the tests validate against it.
    { config: { access: "read" }, schema: { querystring: ThreeSixtyGivingExportQuery } },
    async (request, reply) => {
      const body = await fastify.readMayLag(request, (prisma) =>
        threeSixtyGivingPackage(prisma, request.query, scopeOf(request)),
      );
      return reply.header("content-disposition", 'attachment; filename="fundline-360giving.json"').send(body);
    },
  );
};
