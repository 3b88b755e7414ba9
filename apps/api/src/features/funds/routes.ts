import { CreateFundRequest, FundListQuery, FundListResponse, FundResponse, UpdateFundRequest } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { createFund, listFunds, retireFund, updateFund } from "./funds.ts";
import "./records.ts";

/** Funders' funds, which commitments draw on. */
export const fundRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  // Reference data: seen by everyone signed in (scope []), written by administrators.
  const referenceWrite = { access: "reference.write", scope: [] } as const;
  routes.list("/funds", { access: "read" }, { query: FundListQuery, response: FundListResponse }, ({ query }) =>
    listFunds(fastify.prisma, query),
  );
  routes.create(
    "/funds",
    { access: "reference.write" },
    { body: CreateFundRequest, response: FundResponse },
    createFund,
  );
  routes.update("/funds/:id", referenceWrite, { body: UpdateFundRequest, response: FundResponse }, updateFund);
  routes.retire("/funds/:id/retire", referenceWrite, FundResponse, retireFund);
};
