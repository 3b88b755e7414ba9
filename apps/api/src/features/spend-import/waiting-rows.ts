// Rows an import set aside because no cost line has their code: listed by code, and imported
// once a finance officer matches the code to a cost line (remembered for the ledger, so later
// files with that code go to that line), without sending the file again.
import "./records.ts";
import { Prisma, type PrismaClient } from "@fundline/db";
import { penceFromBigInt } from "@fundline/domain";
import type { MatchLedgerCodeRequest, MatchLedgerCodeResult, UnmatchedCodesResponse } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { recordAuditOn } from "../../lib/audit-trail.ts";
import type { Scope } from "../../lib/scope.ts";
import type { WriteContext } from "../../lib/write-context.ts";
import { CREATE_STAGED_SPEND, inImportTransaction, run } from "./ledger-staging.ts";
import { accountFor, checkRows } from "./staged-checks.ts";
import { writeBatch } from "./write-batch.ts";

/** A council's rows waiting on a code: set aside as unmatched by an import still standing, not yet imported. */
const waiting = (council: string, sourceName?: string, code?: string): Prisma.Sql => Prisma.sql`
  "ImportSetAsideRow" waiting JOIN "ImportBatch" batch ON batch.id = waiting."batchId" AND batch.status = 'committed'
  WHERE waiting."organisationId" = ${council}::uuid AND waiting.kind = 'unmatched' AND waiting."importedAt" IS NULL
  ${sourceName === undefined ? Prisma.empty : Prisma.sql`AND batch."sourceName" = ${sourceName}`}
  ${code === undefined ? Prisma.empty : Prisma.sql`AND lower(waiting."lineCode") = ${code}`}`;

/** Each code the council's imports are waiting on, per ledger, with its rows and total: largest first. */
export async function listUnmatchedCodes(
  prisma: PrismaClient,
  council: string | undefined,
): Promise<UnmatchedCodesResponse> {
  if (!council) return { codes: [] };
  const codes = await prisma.$queryRaw<
    { sourceName: string; code: string; rows: number; totalPence: bigint; firstOn: string; lastOn: string }[]
  >(Prisma.sql`
    SELECT batch."sourceName", min(waiting."lineCode") AS code, count(*)::int AS rows,
           sum(waiting."amountPence")::bigint AS "totalPence",
           to_char(min(waiting."spentOn"), 'YYYY-MM-DD') AS "firstOn", to_char(max(waiting."spentOn"), 'YYYY-MM-DD') AS "lastOn"
    FROM ${waiting(council)}
    GROUP BY batch."sourceName", lower(waiting."lineCode")
    ORDER BY abs(sum(waiting."amountPence")) DESC, batch."sourceName", min(waiting."lineCode")
    LIMIT 1000`);
  return { codes: codes.map((code) => ({ ...code, totalPence: penceFromBigInt(code.totalPence) })) };
}

/**
 * Remembers that the ledger's code means the cost line (audited), then imports the rows waiting
 * on it as one batch, checked exactly as a file's rows are (a row now a duplicate is set aside
 * again, in the new batch). Each waiting row is marked with the batch that accounted for it.
 */
export async function matchLedgerCode(
  prisma: PrismaClient,
  request: MatchLedgerCodeRequest,
  scope: Scope,
  write: WriteContext,
): Promise<MatchLedgerCodeResult> {
  const council = write.actor.organisationId;
  if (!council) {
    throw new RuleBroken([{ path: "sourceName", message: "only a council's own users match its ledgers' codes" }]);
  }
  const code = request.code.trim().toLowerCase();
  const { sourceName, costLineId } = request;
  return inImportTransaction(prisma, async (client) => {
    // The same lock a file's import of this ledger takes: the two never interleave.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`spend-import:${sourceName}`]);
    const [before] = await run<{ id: string; costLineId: string }>(
      client,
      Prisma.sql`SELECT id, "costLineId" FROM "LedgerCodeMatch"
                 WHERE "organisationId" = ${council}::uuid AND "sourceName" = ${sourceName} AND code = ${code} FOR UPDATE`,
    );
    const [match] = await run<{ id: string }>(
      client,
      Prisma.sql`
        INSERT INTO "LedgerCodeMatch" ("organisationId", "sourceName", code, "costLineId", "createdById")
        VALUES (${council}::uuid, ${sourceName}, ${code}, ${costLineId}::uuid, ${write.actor.id}::uuid)
        ON CONFLICT ("organisationId", "sourceName", code) DO UPDATE
        SET "costLineId" = excluded."costLineId", version = "LedgerCodeMatch".version + 1
        RETURNING id`,
    );
    if (!match) throw new Error("the match was not saved");
    await recordAuditOn(client, {
      ...write,
      entityType: "LedgerCodeMatch",
      entityId: match.id,
      action: before ? "update" : "create",
      before: before ? { sourceName, code, costLineId: before.costLineId } : null,
      after: { sourceName, code, costLineId },
    });

    // The waiting rows, staged as a file's are; numbered afresh (they may come from several files).
    await client.query(CREATE_STAGED_SPEND);
    await client.query("ALTER TABLE staged_spend ADD COLUMN set_aside_id uuid");
    await run(
      client,
      Prisma.sql`
        INSERT INTO staged_spend (line, spent_on, amount_pence, vat_pence, line_code, supplier, reference, department,
                                  purpose, merchant_category, paid_to_individual, row_key, identified, set_aside_id)
        SELECT row_number() OVER (ORDER BY batch."createdAt", waiting.line), waiting."spentOn", waiting."amountPence",
               waiting."vatPence", waiting."lineCode", waiting."supplierName", waiting.reference, waiting.department,
               waiting.purpose, waiting."merchantCategory", waiting."paidToIndividual", waiting."rowKey", true, waiting.id
        FROM ${waiting(council, sourceName, code)}`,
    );
    await checkRows(client, scope, council, sourceName);
    const [line] = await run<{ name: string }>(
      client,
      Prisma.sql`SELECT name FROM "CostLine" WHERE id = ${costLineId}::uuid`,
    );
    // A line the council may not import to (or cannot see) is refused, and nothing is remembered.
    const [refused] = await run<{ reason: string }>(
      client,
      Prisma.sql`SELECT reason FROM checked WHERE kind = 'costLine' OR unmatched LIMIT 1`,
    );
    if (!line || refused) {
      throw new RuleBroken([
        {
          path: "costLineId",
          message: refused && line ? refused.reason : "no cost line you can import to has this id",
        },
      ]);
    }
    const accounts = await accountFor(client);
    const batch =
      accounts.rows === 0
        ? null
        : await writeBatch(
            client,
            // No file: the batch is named for what it is, and told apart by the match that made it.
            { fileName: `Rows with the code "${request.code.trim()}" matched to ${line.name}`, sha256: match.id },
            sourceName,
            null,
            accounts,
            write,
          );
    if (batch) {
      await run(
        client,
        Prisma.sql`UPDATE "ImportSetAsideRow" SET "importedAt" = now(), "importedBatchId" = ${batch.id}::uuid
                   WHERE id IN (SELECT set_aside_id FROM staged_spend)`,
      );
    }
    return {
      result: {
        sourceName,
        code: request.code.trim(),
        costLine: line.name,
        rows: accounts.rows,
        imported: accounts.importable,
        importedPence: accounts.importablePence,
        setAside: accounts.setAside,
        setAsidePence: accounts.setAsidePence,
        problems: accounts.problems,
        batch,
      },
      commit: true,
    };
  });
}
