import "./records.ts";
import type { Prisma, PrismaClient } from "@fundline/db";
import { penceFromBigInt, toIsoDateOrNull } from "@fundline/domain";
import {
  type ImportBatchListResponse,
  type ImportBatchSummary,
  type SavedMappingsResponse,
  type SET_ASIDE_KINDS,
  type SetAsideListResponse,
  SpendColumnMapping,
} from "@fundline/schemas";
import type { z } from "zod";
import { NotFound, RuleBroken } from "../../errors.ts";
import { recordAudit } from "../../lib/audit-trail.ts";
import { approvedAboveThreshold, type MoneyRecord } from "../../lib/four-eyes.ts";
import type { Scope } from "../../lib/scope.ts";
import type { WriteContext } from "../../lib/write-context.ts";

type BatchRow = {
  id: string;
  sourceName: string;
  fileName: string;
  fileSha256: string;
  rowCount: number;
  totalPence: bigint;
  status: "committed" | "reversed";
  createdAt: Date;
  reversedAt: Date | null;
  createdBy: { displayName: string } | null;
  _count: { setAside: number };
};

const withCreator = { createdBy: { select: { displayName: true } }, _count: { select: { setAside: true } } } as const;

export function batchSummary(batch: BatchRow): ImportBatchSummary {
  return {
    id: batch.id,
    sourceName: batch.sourceName,
    fileName: batch.fileName,
    fileSha256: batch.fileSha256,
    rowCount: batch.rowCount,
    totalPence: penceFromBigInt(batch.totalPence),
    setAsideRows: batch._count.setAside,
    status: batch.status,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy?.displayName ?? null,
    reversedAt: batch.reversedAt?.toISOString() ?? null,
  };
}

/** Imports made by the caller's council (administrators: every import), newest first. */
export async function listImportBatches(
  prisma: PrismaClient,
  query: { sourceName?: string | undefined; page: number; pageSize: number },
  scope: Scope,
): Promise<ImportBatchListResponse> {
  const where = {
    ...(query.sourceName ? { sourceName: query.sourceName } : {}),
    ...(scope.organisationId ? { createdBy: { organisationId: scope.organisationId } } : {}),
  };
  const [batches, total] = await Promise.all([
    prisma.importBatch.findMany({
      where,
      include: withCreator,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.importBatch.count({ where }),
  ]);
  return { batches: batches.map(batchSummary), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Takes a whole import back: every live row it wrote is retired with the reason, in one
 * statement (the running totals follow), and the batch is marked reversed, with audit.
 */
export async function reverseImportBatch(
  tx: Prisma.TransactionClient,
  { id: batchId, input: { reason }, ...write }: WriteContext & { id: string; input: { reason: string } },
): Promise<ImportBatchSummary> {
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text FROM "ImportBatch" WHERE id = ${batchId}::uuid FOR UPDATE`;
  if (!locked) throw new NotFound("Import", batchId);
  if (locked.status === "reversed") {
    throw new RuleBroken([{ path: "id", message: "this import has already been reversed" }]);
  }
  const retired = await tx.$executeRaw`
    UPDATE "Spend" SET "retiredAt" = now(), "retiredById" = ${write.actor.id}::uuid,
                       "retirementReason" = ${reason}, version = version + 1
    WHERE "importBatchId" = ${batchId}::uuid AND "retiredAt" IS NULL`;
  const batch = await tx.importBatch.update({
    where: { id: batchId },
    data: { status: "reversed", reversedAt: new Date(), reversedById: write.actor.id },
    include: withCreator,
  });
  await recordAudit(tx, {
    ...write,
    entityType: "ImportBatch",
    entityId: batchId,
    action: "reverse",
    before: { status: "committed" },
    after: { status: "reversed", spendRowsRetired: retired },
    reason,
  });
  return batchSummary(batch);
}

// Reversing an import whose payments come to more than the council's threshold (refunds
// counted as money moved too) waits for a second person's approval.
export const importReversal = approvedAboveThreshold({
  kind: "import.reverse",
  action: "reverse",
  record: {
    table: "ImportBatch",
    load: async (tx, id) => {
      const batch = await tx.importBatch.findUnique({ where: { id }, include: withCreator });
      return batch ? batchSummary(batch) : null;
    },
    amountOf: async (tx, batch) => {
      const [moved] = await tx.$queryRaw<{ pence: bigint | null }[]>`
        SELECT sum(abs("amountPence"))::bigint AS pence FROM "Spend"
        WHERE "importBatchId" = ${batch.id}::uuid AND "retiredAt" IS NULL`;
      return Number(moved?.pence ?? 0n);
    },
    moneyFields: ["status"],
    titleOf: (batch) => batch.fileName,
  } satisfies MoneyRecord<ImportBatchSummary>,
  run: reverseImportBatch,
});

/** The user's council's saved column mappings (any that no longer fits the schema is left out). */
export async function listSavedMappings(
  prisma: PrismaClient,
  organisationId: string | undefined,
): Promise<z.infer<typeof SavedMappingsResponse>> {
  if (!organisationId) return { mappings: [] };
  const saved = await prisma.importColumnMapping.findMany({
    where: { organisationId },
    orderBy: { sourceName: "asc" },
  });
  return {
    mappings: saved.flatMap((row) => {
      const mapping = SpendColumnMapping.safeParse(row.columns);
      return mapping.success
        ? [{ sourceName: row.sourceName, mapping: mapping.data, updatedAt: row.updatedAt.toISOString() }]
        : [];
    }),
  };
}

/** The rows an import set aside, in line order, each with why and what it said. */
export async function listSetAsideRows(
  prisma: PrismaClient,
  batchId: string,
  query: {
    kind?: (typeof SET_ASIDE_KINDS)[number] | undefined;
    page: number;
    pageSize: number;
    direction: "asc" | "desc";
  },
): Promise<SetAsideListResponse> {
  const where = { batchId, ...(query.kind ? { kind: query.kind } : {}) };
  const [rows, total] = await Promise.all([
    prisma.importSetAsideRow.findMany({
      where,
      orderBy: { line: query.direction === "desc" ? "desc" : "asc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.importSetAsideRow.count({ where }),
  ]);
  return {
    rows: rows.map((row) => ({
      line: row.line,
      kind: row.kind as (typeof SET_ASIDE_KINDS)[number],
      reason: row.reason,
      spentOn: toIsoDateOrNull(row.spentOn),
      amountPence: row.amountPence === null ? null : penceFromBigInt(row.amountPence),
      lineCode: row.lineCode,
      supplierName: row.supplierName,
      reference: row.reference,
      importedAt: row.importedAt?.toISOString() ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
