import {
  CreateReceiptRequest,
  ReceiptListQuery,
  ReceiptListResponse,
  ReceiptResponse,
  UpdateReceiptRequest,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { recordRoutes } from "../../lib/record-routes.ts";
import { receiptChange, receiptCreation, receiptRetirement } from "./receipt-approvals.ts";
import { listReceipts } from "./receipts.ts";
import "./records.ts";

/** Receipts: what has actually arrived against a commitment. */
export const receiptRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const routes = recordRoutes(fastify);
  const thisReceipt = { access: "money.write", scope: [{ table: "Receipt", in: "params", field: "id" }] } as const;
  routes.list(
    "/receipts",
    { access: "read" },
    { query: ReceiptListQuery, response: ReceiptListResponse },
    ({ query, scope }) => listReceipts(fastify.prisma, query, scope),
  );
  routes.create(
    "/receipts",
    { access: "money.write", scope: [{ table: "FundingCommitment", in: "body", field: "commitmentId", must: "own" }] },
    { body: CreateReceiptRequest, response: ReceiptResponse },
    receiptCreation,
    { idempotent: true },
  );
  routes.update("/receipts/:id", thisReceipt, { body: UpdateReceiptRequest, response: ReceiptResponse }, receiptChange);
  routes.retire("/receipts/:id/retire", thisReceipt, ReceiptResponse, receiptRetirement);
};
