// Any list the API answers (`{ <items>: [...], total, page, pageSize }`) can be downloaded as
// CSV or XLSX by adding `format=csv` or `format=xlsx`: every matching row (not one page), with
// nested fields flattened and money in pounds, converted exactly from pence.
import { penceAsDecimal } from "@fundline/domain";
import { stringify } from "csv-stringify/sync";
import fp from "fastify-plugin";
import { z } from "zod";
import { guardFormula } from "../lib/spreadsheet-cells.ts";

/** The most rows one download holds; lists ask for this many when exporting. */
export const EXPORT_MAX_ROWS = 100_000;
type ExportFormat = "csv" | "xlsx";

declare module "fastify" {
  interface FastifyRequest {
    exportFormat: ExportFormat | null;
  }
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const listExportPlugin = fp(
  async (fastify) => {
    fastify.decorateRequest("exportFormat", null);
    // Taken out before validation, so every list's strict query schema stays as it is.
    fastify.addHook("onRequest", async (request) => {
      if (request.method !== "GET" || !request.url.startsWith("/api/")) return;
      const query = request.query as Record<string, unknown> | undefined;
      if (query?.format !== "csv" && query?.format !== "xlsx") return;
      request.exportFormat = query.format;
      delete query.format;
    });
    fastify.addHook("preHandler", async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      if (request.exportFormat && query && "pageSize" in query) {
        query.page = 1;
        query.pageSize = EXPORT_MAX_ROWS;
      }
    });
    fastify.addHook("onSend", async (request, reply, payload) => {
      if (!request.exportFormat || reply.statusCode !== 200 || typeof payload !== "string") return payload;
      const body = JSON.parse(payload) as Record<string, unknown>;
      const key = Object.keys(body).find((name) => Array.isArray(body[name]));
      if (!key || !("total" in body)) {
        reply.code(406).type("application/json");
        return JSON.stringify({
          statusCode: 406,
          error: "Not Acceptable",
          message: "Only lists can be downloaded as CSV or XLSX.",
          requestId: String(request.id),
        });
      }
      const rows = (body[key] as Record<string, unknown>[]).map((item) => flatten(item));
      // The list's own columns, from its response schema, so an empty list still has its
      // header row and a field that is blank in every row still has its column.
      const response = request.routeOptions.schema?.response as Record<number, unknown> | undefined;
      const columns = [
        ...new Set([...schemaColumns(response?.[200], key), ...rows.flatMap((row) => Object.keys(row))]),
      ];
      const day = new Date().toISOString().slice(0, 10);
      reply
        .type(CONTENT_TYPES[request.exportFormat])
        .header("content-disposition", `attachment; filename="${key}-${day}.${request.exportFormat}"`);
      if (request.exportFormat === "csv") {
        return stringify(
          rows.map((row) => columns.map((column) => guardFormula(row[column] ?? ""))),
          { header: true, columns },
        );
      }
      // Loaded for the first spreadsheet asked for: tens of MB the server need not hold till then.
      const { default: ExcelJS } = await import("exceljs");
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(key);
      sheet.addRow(columns).font = { bold: true };
      for (const row of rows) sheet.addRow(columns.map((column) => row[column] ?? null));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    });
  },
  { name: "list-export" },
);

/** `{ leadOrganisation: { name } }` → `leadOrganisation.name`; `amountPence` → `amount (£)`. */
function flatten(value: Record<string, unknown>, prefix = ""): Record<string, string | number | boolean> {
  const flat: Record<string, string | number | boolean> = {};
  for (const [name, field] of Object.entries(value)) {
    const column = `${prefix}${name}`;
    if (field === null || field === undefined) continue;
    if (Array.isArray(field)) flat[column] = JSON.stringify(field);
    else if (typeof field === "object") Object.assign(flat, flatten(field as Record<string, unknown>, `${column}.`));
    else if (typeof field === "number" && name.endsWith("Pence")) {
      flat[`${column.slice(0, -"Pence".length)} (£)`] = penceAsDecimal(field);
    } else flat[column] = field as string | number | boolean;
  }
  return flat;
}

/** The columns `flatten` gives a list's items, read from the list's Zod response schema. */
function schemaColumns(listSchema: unknown, key: string): string[] {
  const items = bare(listSchema instanceof z.ZodObject ? listSchema.shape[key] : undefined);
  return items instanceof z.ZodArray ? objectColumns(bare(items.element)) : [];
}

function objectColumns(schema: unknown, prefix = ""): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, unknown>).flatMap(([name, field]) => {
    const column = `${prefix}${name}`;
    const inner = bare(field);
    if (inner instanceof z.ZodObject) return objectColumns(inner, `${column}.`);
    if (inner instanceof z.ZodNumber && name.endsWith("Pence")) return [`${column.slice(0, -"Pence".length)} (£)`];
    return [column];
  });
}

/** The schema under optional, nullable and default wrappers. */
function bare(schema: unknown): unknown {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
    inner = inner.unwrap();
  }
  return inner;
}
