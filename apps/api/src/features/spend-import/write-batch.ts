import { Prisma } from "@fundline/db";
import type { ImportBatchSummary, SpendColumnMapping } from "@fundline/schemas";
import type { PoolClient } from "pg";
import { recordAuditOn } from "../../lib/audit-trail.ts";
import type { WriteContext } from "../../lib/write-context.ts";
import { batchSummary } from "./import-batches.ts";
import type { SpooledFile } from "./ledger-file.ts";
import { run } from "./ledger-staging.ts";
import type { Accounts } from "./staged-checks.ts";

/**
 * The batch, its spend rows, the rows it set aside, the mapping, the audit. One INSERT for the
 * rows, so the totals triggers run once; their ids are the batch's id with the row's line number
 * in its last eight hex digits: unique, and cheaper than 200,000 calls for strong random numbers.
 * `mapping` is saved for the ledger when the rows came from a file read with it.
 */
export async function writeBatch(
  client: PoolClient,
  file: Pick<SpooledFile, "fileName" | "sha256">,
  sourceName: string,
  mapping: SpendColumnMapping | null,
  result: Accounts,
  write: WriteContext,
): Promise<ImportBatchSummary> {
  const [batch] = await run<{
    id: string;
    sourceName: string;
    fileName: string;
    fileSha256: string;
    rowCount: number;
    totalPence: string;
    status: "committed" | "reversed";
    createdAt: Date;
    reversedAt: Date | null;
  }>(
    client,
    Prisma.sql`
      INSERT INTO "ImportBatch" ("sourceName", "fileName", "fileSha256", "rowCount", "totalPence", "createdById",
                                 "organisationId")
      VALUES (${sourceName}, ${file.fileName}, ${file.sha256}, ${result.importable}, ${result.importablePence},
              ${write.actor.id}::uuid, ${write.actor.organisationId ?? null}::uuid)
      RETURNING id, "sourceName", "fileName", "fileSha256", "rowCount", "totalPence", status, "createdAt", "reversedAt"`,
  );
  if (!batch) throw new Error("the import batch was not created");
  await run(
    client,
    Prisma.sql`
      INSERT INTO "Spend" (id, "programmeId", "costLineId", "spentOn", "amountPence", "irrecoverableVatPence", "supplierName",
                           "paidToIndividual", department, purpose, "merchantCategory", reference, source, "importBatchId",
                           "ledgerRowKey", "ownerOrganisationId")
      SELECT overlay(${batch.id}::text PLACING lpad(to_hex(line), 8, '0') FROM 29)::uuid,
             programme_id, cost_line_id, spent_on, amount_pence, coalesce(vat_pence, 0), supplier,
             coalesce(paid_to_individual, false), department, purpose, merchant_category, reference, 'import',
             ${batch.id}::uuid, row_key, row_owner
      FROM checked WHERE kind IS NULL`,
  );
  // Every row that did not go in is kept with its line and reason: listed and downloaded later,
  // and an unmatched one imported once its code is matched to a cost line. A row already
  // imported is counted, not kept: it is the payment Fundline holds (a year's file sent again
  // would otherwise keep a copy of every payment in it).
  await run(
    client,
    Prisma.sql`
      INSERT INTO "ImportSetAsideRow" ("batchId", "organisationId", line, kind, reason, "spentOn", "amountPence",
                                       "vatPence", "lineCode", "supplierName", reference, department, purpose,
                                       "merchantCategory", "paidToIndividual", "rowKey")
      SELECT ${batch.id}::uuid, ${write.actor.organisationId ?? null}::uuid, line,
             CASE WHEN unmatched THEN 'unmatched' ELSE kind END, reason, spent_on, amount_pence, vat_pence, line_code,
             supplier, reference, department, purpose, merchant_category, paid_to_individual, row_key
      FROM checked WHERE kind IS NOT NULL AND NOT coalesce(already_imported, false)`,
  );
  if (mapping) {
    await run(
      client,
      Prisma.sql`
        INSERT INTO "ImportColumnMapping" ("organisationId", "sourceName", columns)
        VALUES (${write.actor.organisationId}::uuid, ${sourceName}, ${JSON.stringify(mapping)}::jsonb)
        ON CONFLICT ("organisationId", "sourceName") DO UPDATE
        SET columns = excluded.columns, version = "ImportColumnMapping".version + 1, "updatedAt" = now()`,
    );
  }
  await recordAuditOn(client, {
    ...write,
    entityType: "ImportBatch",
    entityId: batch.id,
    action: "import",
    before: null,
    after: {
      sourceName,
      fileName: file.fileName,
      fileSha256: file.sha256,
      rowCount: result.importable,
      totalPence: result.importablePence,
      skipped: result.skipped,
      duplicates: result.duplicates,
      setAside: result.setAside,
      unmatched: result.unmatched,
      unmatchedPence: result.unmatchedPence,
    },
  });
  return batchSummary({
    ...batch,
    totalPence: BigInt(batch.totalPence),
    createdBy: { displayName: write.actor.label },
    _count: { setAside: result.setAside + result.unmatched - result.alreadyImported },
  });
}
