import type { PrismaClient } from "@fundline/db";

export type TotalsDrift = { total: string; key: string; kept: string; recomputed: string };

/**
 * Every running total that differs from the same figure added up from scratch over the raw
 * rows (an absent total counts as zero). Empty when the triggers have kept them exact; the
 * tests and `pnpm bench` check it after every kind of write. Each recompute is one grouped
 * pass over its table, so this stays linear at a million spend rows.
 */
export async function runningTotalsDrift(prisma: Pick<PrismaClient, "$queryRaw">): Promise<TotalsDrift[]> {
  return prisma.$queryRaw<TotalsDrift[]>`
    WITH live_spend AS MATERIALIZED (
      SELECT "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn") AS year, "amountPence" AS pence,
             date_trunc('month', "spentOn")::date AS month
      FROM "Spend" WHERE "retiredAt" IS NULL
    ), allocation_by_commitment AS (
      SELECT "commitmentId" AS id, sum("amountPence") AS pence FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1
    ), allocation_by_line AS (
      SELECT "costLineId" AS id, sum("amountPence") AS pence FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1
    ), allocation_by_programme AS (
      SELECT line."programmeId" AS id, sum(allocation."amountPence") AS pence
      FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
      WHERE allocation."retiredAt" IS NULL GROUP BY 1
    ), received AS (
      SELECT "commitmentId" AS id, sum("amountPence") AS pence FROM "Receipt" WHERE "retiredAt" IS NULL GROUP BY 1
    ), named AS (
      SELECT "commitmentId" AS id, sum(pence) AS pence FROM live_spend WHERE "commitmentId" IS NOT NULL GROUP BY 1
    ), spent_by_line AS (
      SELECT "costLineId" AS id, sum(pence) AS spent, coalesce(sum(pence) FILTER (WHERE "commitmentId" IS NULL), 0) AS unnamed
      FROM live_spend GROUP BY 1
    ), spent_by_programme AS (
      SELECT "programmeId" AS id, sum(pence) AS pence FROM live_spend GROUP BY 1
    ), committed AS (
      SELECT "programmeId" AS id, sum("amountPence") AS pence FROM "FundingCommitment"
      WHERE "retiredAt" IS NULL AND status IN ('awarded', 'received') AND "programmeId" IS NOT NULL GROUP BY 1
    ), line_year_recomputed AS (
      SELECT "costLineId" AS id, year, sum(pence) AS spent,
             coalesce(sum(pence) FILTER (WHERE "commitmentId" IS NULL), 0) AS unnamed
      FROM live_spend GROUP BY 1, 2
    ), programme_month_recomputed AS (
      SELECT "programmeId" AS id, month, sum(pence) AS spent FROM live_spend GROUP BY 1, 2
    ), commitment_year_recomputed AS (
      SELECT "commitmentId" AS id, year, sum(pence) AS named FROM live_spend WHERE "commitmentId" IS NOT NULL GROUP BY 1, 2
    ), covered AS (
      SELECT agreement.id, spend."payingOrganisationId" AS payer, spend."amountPence" AS pence
      FROM "CostSharingAgreement" agreement
      JOIN "Spend" spend ON spend."programmeId" = agreement."programmeId"
       AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
       AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date)
                               AND coalesce(agreement."effectiveTo", 'infinity'::date)
      WHERE spend."retiredAt" IS NULL
    ), covered_by_agreement AS (
      SELECT id, sum(pence) AS pence FROM covered GROUP BY 1
    ), paid_by_agreement AS (
      SELECT id, payer, sum(pence) AS pence FROM covered WHERE payer IS NOT NULL GROUP BY 1, 2
    ), reshared AS MATERIALIZED (
      -- Shared again from the running totals (checked above) as at a commit: the same shares kept.
      SELECT * FROM fundline_attributed_spend(ARRAY(SELECT id FROM "Programme"))
    ), refigured_years AS MATERIALIZED (
      SELECT * FROM fundline_programme_year_figures(ARRAY(SELECT id FROM "Programme"))
    ), refigured_funders AS MATERIALIZED (
      SELECT * FROM fundline_programme_funder_figures(ARRAY(SELECT id FROM "Programme"))
    ), recounted_findings AS MATERIALIZED (
      -- Counted from the running totals and the shares (checked above) as at a commit: the same findings kept.
      SELECT * FROM fundline_programme_findings(ARRAY(SELECT id FROM "Programme"))
    ), compared AS (
      SELECT 'CommitmentTotal' AS total, commitment.id::text AS key,
             ARRAY[coalesce(kept."amountPence", 0), coalesce(kept."allocatedPence", 0), coalesce(kept."receivedPence", 0), coalesce(kept."namedSpentPence", 0)] AS kept,
             ARRAY[CASE WHEN commitment."retiredAt" IS NULL THEN commitment."amountPence" ELSE 0 END,
                   coalesce(allocation.pence, 0), coalesce(received.pence, 0), coalesce(named.pence, 0)]::bigint[] AS recomputed
      FROM "FundingCommitment" commitment
      LEFT JOIN "CommitmentTotal" kept ON kept."commitmentId" = commitment.id
      LEFT JOIN allocation_by_commitment allocation ON allocation.id = commitment.id
      LEFT JOIN received ON received.id = commitment.id
      LEFT JOIN named ON named.id = commitment.id
      UNION ALL
      SELECT 'CostLineTotal', line.id::text,
             ARRAY[coalesce(kept."allocatedPence", 0), coalesce(kept."spentPence", 0), coalesce(kept."unnamedSpentPence", 0)],
             ARRAY[coalesce(allocation.pence, 0), coalesce(spent.spent, 0), coalesce(spent.unnamed, 0)]::bigint[]
      FROM "CostLine" line
      LEFT JOIN "CostLineTotal" kept ON kept."costLineId" = line.id
      LEFT JOIN allocation_by_line allocation ON allocation.id = line.id
      LEFT JOIN spent_by_line spent ON spent.id = line.id
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
      SELECT 'ProgrammeMonthTotal', coalesce(kept."programmeId", recomputed.id)::text || ' ' || coalesce(kept.month, recomputed.month)::text,
             ARRAY[coalesce(kept."spentPence", 0)], ARRAY[coalesce(recomputed.spent, 0)]::bigint[]
      FROM programme_month_recomputed recomputed
      FULL JOIN "ProgrammeMonthTotal" kept ON kept."programmeId" = recomputed.id AND kept.month = recomputed.month
      UNION ALL
      SELECT 'ProgrammeTotal', programme.id::text,
             ARRAY[coalesce(kept."committedPence", 0), coalesce(kept."allocatedPence", 0), coalesce(kept."spentPence", 0)],
             ARRAY[coalesce(committed.pence, 0), coalesce(allocation.pence, 0), coalesce(spent.pence, 0)]::bigint[]
      FROM "Programme" programme
      LEFT JOIN "ProgrammeTotal" kept ON kept."programmeId" = programme.id
      LEFT JOIN committed ON committed.id = programme.id
      LEFT JOIN allocation_by_programme allocation ON allocation.id = programme.id
      LEFT JOIN spent_by_programme spent ON spent.id = programme.id
      UNION ALL
      SELECT 'CostSharingTotal', coalesce(kept."agreementId", recomputed.id)::text,
             ARRAY[coalesce(kept."spentPence", 0)], ARRAY[coalesce(recomputed.pence, 0)]::bigint[]
      FROM covered_by_agreement recomputed
      FULL JOIN "CostSharingTotal" kept ON kept."agreementId" = recomputed.id
      UNION ALL
      SELECT 'CostSharingPaymentTotal',
             coalesce(kept."agreementId", recomputed.id)::text || ' ' || coalesce(kept."organisationId", recomputed.payer)::text,
             ARRAY[coalesce(kept."paidPence", 0)], ARRAY[coalesce(recomputed.pence, 0)]::bigint[]
      FROM paid_by_agreement recomputed
      FULL JOIN "CostSharingPaymentTotal" kept
        ON kept."agreementId" = recomputed.id AND kept."organisationId" = recomputed.payer
      UNION ALL
      SELECT 'AttributedSpend', coalesce(kept."programmeId", recomputed."programmeId")::text || ' ' || coalesce(kept."commitmentId", recomputed."commitmentId")::text,
             ARRAY[coalesce(kept.pence, 0)], ARRAY[coalesce(recomputed.pence, 0)]::bigint[]
      FROM reshared recomputed
      FULL JOIN "AttributedSpend" kept ON kept."programmeId" = recomputed."programmeId" AND kept."commitmentId" = recomputed."commitmentId"
      UNION ALL
      SELECT 'ProgrammeYearFigure', coalesce(kept."programmeId", recomputed."programmeId")::text || ' ' || coalesce(kept."financialYear", recomputed."financialYear"),
             ARRAY[coalesce(kept."profiledPence", 0), coalesce(kept.profiled::int, -1), coalesce(kept."spentPence", 0)],
             ARRAY[coalesce(recomputed."profiledPence", 0), coalesce(recomputed.profiled::int, -1), coalesce(recomputed."spentPence", 0)]::bigint[]
      FROM refigured_years recomputed
      FULL JOIN "ProgrammeYearFigure" kept
        ON kept."programmeId" = recomputed."programmeId" AND kept."financialYear" = recomputed."financialYear"
      UNION ALL
      SELECT 'ProgrammeFunderFigure', coalesce(kept."programmeId", recomputed."programmeId")::text || ' ' || coalesce(kept."funderId", recomputed."funderId")::text,
             ARRAY[coalesce(kept."committedPence", -1), coalesce(kept."receivedPence", 0), coalesce(kept."allocatedPence", 0), coalesce(kept."spentPence", 0)],
             ARRAY[coalesce(recomputed."committedPence", -1), coalesce(recomputed."receivedPence", 0),
                   coalesce(recomputed."allocatedPence", 0), coalesce(recomputed."spentPence", 0)]::bigint[]
      FROM refigured_funders recomputed
      FULL JOIN "ProgrammeFunderFigure" kept ON kept."programmeId" = recomputed."programmeId" AND kept."funderId" = recomputed."funderId"
      UNION ALL
      SELECT 'ProgrammeFinding', programme.id::text,
             ARRAY[kept."notFullyFunded", kept."overAllocated", kept."receivedMore", kept."spendWithoutAllocation",
                   kept."lineOverspent", kept."partnersBehind", kept."spendOutsideDates", kept."largePayments",
                   kept."unspentCommitments"]::bigint[],
             ARRAY[recomputed."notFullyFunded", recomputed."overAllocated", recomputed."receivedMore",
                   recomputed."spendWithoutAllocation", recomputed."lineOverspent", recomputed."partnersBehind",
                   recomputed."spendOutsideDates", recomputed."largePayments", recomputed."unspentCommitments"]::bigint[]
      FROM "Programme" programme
      LEFT JOIN "ProgrammeFinding" kept ON kept."programmeId" = programme.id
      LEFT JOIN recounted_findings recomputed ON recomputed."programmeId" = programme.id
      UNION ALL
      SELECT 'ProgrammeFinding capital', coalesce(kept."programmeId", recomputed."programmeId")::text || ' ' || coalesce(kept.year, recomputed.year),
             ARRAY[coalesce(kept.commitments, 0)]::bigint[], ARRAY[coalesce(recomputed.commitments, 0)]::bigint[]
      FROM (SELECT "programmeId", year, commitments::int FROM "ProgrammeFinding", jsonb_each_text("capitalOutsideYear") AS years(year, commitments)) kept
      FULL JOIN (SELECT "programmeId", year, commitments::int FROM recounted_findings, jsonb_each_text("capitalOutsideYear") AS years(year, commitments)) recomputed
        ON recomputed."programmeId" = kept."programmeId" AND recomputed.year = kept.year
    )
    SELECT total, key, kept::text AS kept, recomputed::text AS recomputed FROM compared WHERE kept <> recomputed
    ORDER BY total, key`;
}
