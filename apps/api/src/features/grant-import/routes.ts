import { ThreeSixtyGivingImportQuery, ThreeSixtyGivingImportResult, ThreeSixtyGivingPackage } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { importThreeSixtyGiving } from "./three-sixty-giving-import.ts";

/** A funder's published 360Giving data package, as funding commitments not yet tied to programmes. */
export const grantImportRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    "/imports/360giving",
    {
      // Published packages run to tens of megabytes.
      bodyLimit: 64 * 1024 * 1024,
      config: { access: "money.write" },
      schema: {
        querystring: ThreeSixtyGivingImportQuery,
        body: ThreeSixtyGivingPackage,
        response: { 200: ThreeSixtyGivingImportResult, ...writeErrors },
      },
    },
    (request) =>
      importThreeSixtyGiving(fastify.prisma, request.query.fundId, request.body.grants, writeContextOf(request), {
        preview: request.query.preview,
      }),
  );
};
