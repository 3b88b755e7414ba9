import type { PrismaClient } from "@fundline/db";

export type TotalsDrift = { total: string; key: string; kept: string; recomputed: string };

/**
 * Every running total that differs from the same figure added up from scratch over the raw
 * rows (an absent total counts as zero). Empty when the triggers have kept them exact; the
 * tests and `pnpm bench` check it after every kind of write.
 */
export async function runningTotalsDrift(prisma: Pick<PrismaClient, "$queryRaw">): Promise<TotalsDrift[]> {
  return prisma.$queryRaw<TotalsDrift[]>`
    WITH live_spend AS (
      SELECT "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn") AS year, "amountPence" AS pence
      FROM "Spend" WHERE "retiredAt" IS NULL
    ), commitment_recomputed AS (
      SELECT commitment.id,
             CASE WHEN commitment."retiredAt" IS NULL THEN commitment."amountPence" ELSE 0 END AS amount,
             coalesce((SELECT sum("amountPence") FROM "Allocation" WHERE "commitmentId" = commitment.id AND "retiredAt" IS NULL), 0) AS allocated,
             coalesce((SELECT sum("amountPence") FROM "Receipt" WHERE "commitmentId" = commitment.id AND "retiredAt" IS NULL), 0) AS received,
             coalesce((SELECT sum(pence) FROM live_spend WHERE "commitmentId" = commitment.id), 0) AS named
      FROM "FundingCommitment" commitment
    ), line_recomputed AS (
      SELECT line.id,
             coalesce((SELECT sum("amountPence") FROM "Allocation" WHERE "costLineId" = line.id AND "retiredAt" IS NULL), 0) AS allocated,
             coalesce((SELECT sum(pence) FROM live_spend WHERE "costLineId" = line.id), 0) AS spent,
             coalesce((SELECT sum(pence) FROM live_spend WHERE "costLineId" = line.id AND "commitmentId" IS NULL), 0) AS unnamed
      FROM "CostLine" line
    ), line_year_recomputed AS (
      SELECT "costLineId" AS id, year, sum(pence) AS spent,
             coalesce(sum(pence) FILTER (WHERE "commitmentId" IS NULL), 0) AS unnamed
      FROM live_spend GROUP BY 1, 2
    ), commitment_year_recomputed AS (
      SELECT "commitmentId" AS id, year, sum(pence) AS named FROM live_spend WHERE "commitmentId" IS NOT NULL GROUP BY 1, 2
    ), programme_recomputed AS (
      SELECT programme.id,
             coalesce((SELECT sum("amountPence") FROM "FundingCommitment" WHERE "programmeId" = programme.id
                        AND "retiredAt" IS NULL AND status IN ('awarded', 'received')), 0) AS committed,
             coalesce((SELECT sum(allocation."amountPence") FROM "Allocation" allocation
                       JOIN "CostLine" line ON line.id = allocation."costLineId"
                       WHERE line."programmeId" = programme.id AND allocation."retiredAt" IS NULL), 0) AS allocated,
             coalesce((SELECT sum(pence) FROM live_spend WHERE "programmeId" = programme.id), 0) AS spent
      FROM "Programme" programme
    ), compared AS (
      SELECT 'CommitmentTotal' AS total, recomputed.id::text AS key,
             ARRAY[coalesce(kept."amountPence", 0), coalesce(kept."allocatedPence", 0), coalesce(kept."receivedPence", 0), coalesce(kept."namedSpentPence", 0)] AS kept,
             ARRAY[recomputed.amount, recomputed.allocated, recomputed.received, recomputed.named]::bigint[] AS recomputed
      FROM commitment_recomputed recomputed LEFT JOIN "CommitmentTotal" kept ON kept."commitmentId" = recomputed.id
      UNION ALL
      SELECT 'CostLineTotal', recomputed.id::text,
             ARRAY[coalesce(kept."allocatedPence", 0), coalesce(kept."spentPence", 0), coalesce(kept."unnamedSpentPence", 0)],
             ARRAY[recomputed.allocated, recomputed.spent, recomputed.unnamed]::bigint[]
      FROM line_recomputed recomputed LEFT JOIN "CostLineTotal" kept ON kept."costLineId" = recomputed.id
      UNION ALL
      SELECT 'CostLineYearTotal', coalesce(kept."costLineId", recomputed.id)::text || ' ' || coalesce(kept."financialYear", recomputed.year),
             ARRAY[coalesce(kept."spentPence", 0), coalesce(kept."unnamedSpentPence", 0)],
             ARRAY[coalesce(recomputed.spent, 0), coalesce(recomputed.unnamed, 0)]::bigint[]
      FROM line_year_recomputed recomputed
      FULL JOIN "CostLineYearTotal" kept ON kept."costLineId" = recomputed.id AND kept."financialYear" = recomputed.year
      UNION ALL
      SELECT 'CommitmentYearTotal', coalesce(kept."commitmentId", recomputed.id)::text || ' ' || coalesce(kept."financialYear", recomputed.year),
             ARRAY[coalesce(kept."namedSpentPence", 0)], ARRAY[coalesce(recomputed.named, 0)]::bigint[]
      FROM commitment_year_recomputed recomputed
      FULL JOIN "CommitmentYearTotal" kept ON kept."commitmentId" = recomputed.id AND kept."financialYear" = recomputed.year
      UNION ALL
      SELECT 'ProgrammeTotal', recomputed.id::text,
             ARRAY[coalesce(kept."committedPence", 0), coalesce(kept."allocatedPence", 0), coalesce(kept."spentPence", 0)],
             ARRAY[recomputed.committed, recomputed.allocated, recomputed.spent]::bigint[]
      FROM programme_recomputed recomputed LEFT JOIN "ProgrammeTotal" kept ON kept."programmeId" = recomputed.id
    )
    SELECT total, key, kept::text AS kept, recomputed::text AS recomputed FROM compared WHERE kept <> recomputed
    ORDER BY total, key`;
}
