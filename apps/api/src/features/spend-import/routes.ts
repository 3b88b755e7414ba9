import { PassThrough } from "node:stream";
import multipart from "@fastify/multipart";
import { printable } from "@fundline/domain";
import {
  ErrorResponse,
  IdParams,
  ImportBatchListQuery,
  ImportBatchListResponse,
  ImportBatchSummary,
  MatchLedgerCodeRequest,
  MatchLedgerCodeResult,
  ReverseImportRequest,
  SavedMappingsResponse,
  SetAsideListQuery,
  SetAsideListResponse,
  type SpendImportEvent,
  SpendImportOptions,
  SpendImportResult,
  UnmatchedCodesResponse,
} from "@fundline/schemas";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { InvalidInput, refusedByDatabase } from "../../errors.ts";
import { listErrors } from "../../lib/paging.ts";
import { asked, carryOut } from "../../lib/record-routes.ts";
import { scopeOf } from "../../lib/scope.ts";
import { inTransaction, writeContextOf, writeErrors } from "../../lib/write-context.ts";
import { importReversal, listImportBatches, listSavedMappings, listSetAsideRows } from "./import-batches.ts";
import { type SpooledFile, spool } from "./ledger-file.ts";
import { importSpend } from "./spend-import.ts";
import { listUnmatchedCodes, matchLedgerCode } from "./waiting-rows.ts";
import "./records.ts";

/** Largest ledger file accepted: comfortably above 200,000 rows of CSV. */
const MAX_FILE_BYTES = 250 * 1024 * 1024;

/** Spend from the ledger: upload, preview, commit, list and reverse imports. */
export const spendImportRoutes: FastifyPluginAsyncZod = async (fastify) => {
  await fastify.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024 },
  });

  fastify.post(
    "/imports/spend",
    {
      config: { access: "money.write" },
      schema: {
        description:
          "Multipart form: fields `mode` (preview|commit), `sourceName`, optional `mapping` (JSON) and `expectedSha256`, then the CSV or XLSX `file`. Send `Accept: application/x-ndjson` for progress events.",
        consumes: ["multipart/form-data"],
        response: { 200: SpendImportResult, ...writeErrors, 413: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { options, file } = await readUpload(request);
      const run = async (onProgress?: (event: SpendImportEvent) => void) => {
        const result = await importSpend(
          fastify.prisma,
          file,
          options,
          scopeOf(request),
          writeContextOf(request),
          onProgress,
        );
        if (result.batch) {
          fastify.metrics.importRows.inc({ outcome: "imported" }, result.batch.rowCount);
          fastify.metrics.importRows.inc({ outcome: "skipped" }, result.skipped);
        }
        return result;
      };
      if (!request.headers.accept?.includes("application/x-ndjson")) {
        try {
          return await run();
        } finally {
          await file.remove();
        }
      }
      // Progress as newline-delimited JSON, then the result (or the error) as the last line.
      const events = new PassThrough();
      const emit = (event: SpendImportEvent) => events.write(`${JSON.stringify(event)}\n`);
      // Goes on after the answer has started (and if its reader goes away): tracked, so a server
      // told to stop lets it finish before closing the database pool.
      void fastify.workInFlight.track(
        run(emit)
          .then((result) => emit({ type: "result", result }))
          .catch((thrown: Error & { statusCode?: number }) => {
            const error: Error & { statusCode?: number } = refusedByDatabase(thrown) ?? thrown;
            const statusCode = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
            if (statusCode === 500) request.log.error({ err: error }, "spend import failed");
            emit({
              type: "error",
              statusCode,
              message:
                statusCode === 500
                  ? "The import failed on our side; nothing was written. It has been logged."
                  : error.message,
            });
          })
          .finally(() => {
            events.end();
            void file.remove();
          }),
      );
      // A stream is piped as it is; the 200 schema describes the plain JSON answer.
      return reply.type("application/x-ndjson").send(events as never);
    },
  );

  fastify.get(
    "/imports/spend",
    {
      config: { access: "read" },
      schema: { querystring: ImportBatchListQuery, response: { 200: ImportBatchListResponse, ...listErrors } },
    },
    (request) => listImportBatches(fastify.prisma, request.query, scopeOf(request)),
  );

  fastify.post(
    "/imports/spend/:id/reverse",
    {
      config: { access: "money.write", scope: [{ table: "ImportBatch", in: "params", field: "id" }] },
      schema: {
        params: IdParams,
        body: ReverseImportRequest,
        response: { 200: ImportBatchSummary, ...asked(importReversal), ...writeErrors },
      },
    },
    async (request, reply) => {
      const context = { id: request.params.id, input: request.body, ...writeContextOf(request) };
      const reversed = await inTransaction(fastify.prisma, (tx) => carryOut(tx, importReversal, context, 200));
      return reply.status(reversed.status).send(reversed.body);
    },
  );

  fastify.get(
    "/imports/spend/:id/set-aside",
    {
      config: { access: "read", scope: [{ table: "ImportBatch", in: "params", field: "id" }] },
      schema: {
        description: "Every row the import did not write, with its line and why (`format=csv` downloads them).",
        params: IdParams,
        querystring: SetAsideListQuery,
        response: { 200: SetAsideListResponse, ...listErrors },
      },
    },
    (request) => listSetAsideRows(fastify.prisma, request.params.id, request.query),
  );

  fastify.get(
    "/imports/spend/unmatched",
    { config: { access: "read" }, schema: { response: { 200: UnmatchedCodesResponse } } },
    (request) => listUnmatchedCodes(fastify.prisma, writeContextOf(request).actor.organisationId),
  );

  fastify.post(
    "/imports/spend/unmatched/match",
    {
      config: { access: "money.write", scope: [{ table: "CostLine", in: "body", field: "costLineId" }] },
      schema: { body: MatchLedgerCodeRequest, response: { 200: MatchLedgerCodeResult, ...writeErrors } },
    },
    (request) => matchLedgerCode(fastify.prisma, request.body, scopeOf(request), writeContextOf(request)),
  );

  fastify.get(
    "/imports/spend/mappings",
    { config: { access: "read" }, schema: { response: { 200: SavedMappingsResponse } } },
    (request) => listSavedMappings(fastify.prisma, writeContextOf(request).actor.organisationId),
  );
};

/** The form's fields (validated with the shared schema) and its one file, spooled to disk. */
async function readUpload(request: FastifyRequest): Promise<{ options: SpendImportOptions; file: SpooledFile }> {
  if (!request.isMultipart()) {
    throw new InvalidInput([{ path: "body", message: "must be a multipart form with the ledger file" }]);
  }
  const fields: Record<string, string> = {};
  let file: SpooledFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (file) throw new InvalidInput([{ path: "body.file", message: "send one file" }]);
        file = await spool(part.file, part.filename || "ledger");
        if (part.file.truncated) {
          throw Object.assign(new Error(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`), {
            statusCode: 413,
          });
        }
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
    const options = SpendImportOptions.safeParse(fields);
    const problems = options.success
      ? []
      : options.error.issues.map((issue) => ({ path: ["body", ...issue.path].join("."), message: issue.message }));
    if (!file) problems.push({ path: "body.file", message: "is missing: attach the CSV or XLSX file" });
    if (problems.length || !options.success || !file) throw new InvalidInput(problems);
    return { options: options.data, file };
  } catch (error) {
    await file?.remove();
    throw unreadableForm(error);
  }
}

/**
 * A form the multipart parser could not read (no boundary, one too long, a body cut short) is
 * the sender's mistake: 400 saying so. Fundline's own errors and the system's (a full disk) pass.
 */
function unreadableForm(error: unknown): unknown {
  if (!(error instanceof Error) || "statusCode" in error || /^E[A-Z]+$/.test(String(Reflect.get(error, "code")))) {
    return error;
  }
  return new InvalidInput([
    { path: "body", message: `is not a readable multipart form (${printable(error.message).slice(0, 200)})` },
  ]);
}
