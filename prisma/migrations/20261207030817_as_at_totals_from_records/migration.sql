-- From prisma/sql/
DROP TRIGGER IF EXISTS "CommitmentTotal_versions_delete" ON public."CommitmentTotal";

DROP TRIGGER IF EXISTS "CommitmentTotal_versions_insert" ON public."CommitmentTotal";

DROP TRIGGER IF EXISTS "CommitmentTotal_versions_update" ON public."CommitmentTotal";

DROP TRIGGER IF EXISTS "CommitmentYearTotal_versions_delete" ON public."CommitmentYearTotal";

DROP TRIGGER IF EXISTS "CommitmentYearTotal_versions_insert" ON public."CommitmentYearTotal";

DROP TRIGGER IF EXISTS "CommitmentYearTotal_versions_update" ON public."CommitmentYearTotal";

DROP TRIGGER IF EXISTS "CostLineTotal_versions_delete" ON public."CostLineTotal";

DROP TRIGGER IF EXISTS "CostLineTotal_versions_insert" ON public."CostLineTotal";

DROP TRIGGER IF EXISTS "CostLineTotal_versions_update" ON public."CostLineTotal";

DROP TRIGGER IF EXISTS "CostLineYearTotal_versions_delete" ON public."CostLineYearTotal";

DROP TRIGGER IF EXISTS "CostLineYearTotal_versions_insert" ON public."CostLineYearTotal";

DROP TRIGGER IF EXISTS "CostLineYearTotal_versions_update" ON public."CostLineYearTotal";

DROP TRIGGER IF EXISTS "CostSharingPaymentTotal_versions_delete" ON public."CostSharingPaymentTotal";

DROP TRIGGER IF EXISTS "CostSharingPaymentTotal_versions_insert" ON public."CostSharingPaymentTotal";

DROP TRIGGER IF EXISTS "CostSharingPaymentTotal_versions_update" ON public."CostSharingPaymentTotal";

DROP TRIGGER IF EXISTS "CostSharingTotal_versions_delete" ON public."CostSharingTotal";

DROP TRIGGER IF EXISTS "CostSharingTotal_versions_insert" ON public."CostSharingTotal";

DROP TRIGGER IF EXISTS "CostSharingTotal_versions_update" ON public."CostSharingTotal";

DROP TRIGGER IF EXISTS "ProgrammeMonthTotal_versions_delete" ON public."ProgrammeMonthTotal";

DROP TRIGGER IF EXISTS "ProgrammeMonthTotal_versions_insert" ON public."ProgrammeMonthTotal";

DROP TRIGGER IF EXISTS "ProgrammeMonthTotal_versions_update" ON public."ProgrammeMonthTotal";

DROP TRIGGER IF EXISTS "ProgrammeTotal_versions_delete" ON public."ProgrammeTotal";

DROP TRIGGER IF EXISTS "ProgrammeTotal_versions_insert" ON public."ProgrammeTotal";

DROP TRIGGER IF EXISTS "ProgrammeTotal_versions_update" ON public."ProgrammeTotal";

-- The running totals as they stood are added up from the records as they stood (the same sums
-- as runningTotalsDrift in apps/api/src/features/reconciliation/running-totals.ts), rather than
-- kept as versions of their own: a payment no longer writes five versions.
DELETE FROM "RowVersion" WHERE "tableName" IN ('CommitmentTotal', 'CommitmentYearTotal', 'CostLineTotal',
  'CostLineYearTotal', 'CostSharingTotal', 'CostSharingPaymentTotal', 'ProgrammeTotal', 'ProgrammeMonthTotal');

DROP VIEW as_at."CommitmentTotal";
CREATE VIEW as_at."CommitmentTotal" AS
  SELECT commitment.id AS "commitmentId",
         (CASE WHEN commitment."retiredAt" IS NULL THEN commitment."amountPence" ELSE 0 END)::bigint AS "amountPence",
         coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
         coalesce(received.pence, 0)::bigint AS "receivedPence",
         coalesce(named.pence, 0)::bigint AS "namedSpentPence"
  FROM as_at."FundingCommitment" commitment
  LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM as_at."Allocation" WHERE "retiredAt" IS NULL GROUP BY 1) allocated
    ON allocated."commitmentId" = commitment.id
  LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM as_at."Receipt" WHERE "retiredAt" IS NULL GROUP BY 1) received
    ON received."commitmentId" = commitment.id
  LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM as_at."Spend"
             WHERE "retiredAt" IS NULL AND "commitmentId" IS NOT NULL GROUP BY 1) named
    ON named."commitmentId" = commitment.id;

DROP VIEW as_at."CommitmentYearTotal";
CREATE VIEW as_at."CommitmentYearTotal" AS
  SELECT "commitmentId", fundline_financial_year("spentOn") AS "financialYear", sum("amountPence")::bigint AS "namedSpentPence"
  FROM as_at."Spend" WHERE "retiredAt" IS NULL AND "commitmentId" IS NOT NULL GROUP BY 1, 2;

DROP VIEW as_at."CostLineTotal";
CREATE VIEW as_at."CostLineTotal" AS
  SELECT line.id AS "costLineId", coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
         coalesce(spent.spent, 0)::bigint AS "spentPence", coalesce(spent.unnamed, 0)::bigint AS "unnamedSpentPence"
  FROM as_at."CostLine" line
  LEFT JOIN (SELECT "costLineId", sum("amountPence") AS pence FROM as_at."Allocation" WHERE "retiredAt" IS NULL GROUP BY 1) allocated
    ON allocated."costLineId" = line.id
  LEFT JOIN (SELECT "costLineId", sum("amountPence") AS spent,
                    coalesce(sum("amountPence") FILTER (WHERE "commitmentId" IS NULL), 0) AS unnamed
             FROM as_at."Spend" WHERE "retiredAt" IS NULL GROUP BY 1) spent
    ON spent."costLineId" = line.id;

DROP VIEW as_at."CostLineYearTotal";
CREATE VIEW as_at."CostLineYearTotal" AS
  SELECT "costLineId", fundline_financial_year("spentOn") AS "financialYear", sum("amountPence")::bigint AS "spentPence",
         coalesce(sum("amountPence") FILTER (WHERE "commitmentId" IS NULL), 0)::bigint AS "unnamedSpentPence"
  FROM as_at."Spend" WHERE "retiredAt" IS NULL GROUP BY 1, 2;

DROP VIEW as_at."ProgrammeTotal";
CREATE VIEW as_at."ProgrammeTotal" AS
  SELECT programme.id AS "programmeId", coalesce(committed.pence, 0)::bigint AS "committedPence",
         coalesce(allocated.pence, 0)::bigint AS "allocatedPence", coalesce(spent.pence, 0)::bigint AS "spentPence"
  FROM as_at."Programme" programme
  LEFT JOIN (SELECT "programmeId", sum("amountPence") AS pence FROM as_at."FundingCommitment"
             WHERE "retiredAt" IS NULL AND status IN ('awarded', 'received') AND "programmeId" IS NOT NULL GROUP BY 1) committed
    ON committed."programmeId" = programme.id
  LEFT JOIN (SELECT line."programmeId", sum(allocation."amountPence") AS pence
             FROM as_at."Allocation" allocation JOIN as_at."CostLine" line ON line.id = allocation."costLineId"
             WHERE allocation."retiredAt" IS NULL GROUP BY 1) allocated
    ON allocated."programmeId" = programme.id
  LEFT JOIN (SELECT "programmeId", sum("amountPence") AS pence FROM as_at."Spend" WHERE "retiredAt" IS NULL GROUP BY 1) spent
    ON spent."programmeId" = programme.id;

DROP VIEW as_at."ProgrammeMonthTotal";
CREATE VIEW as_at."ProgrammeMonthTotal" AS
  SELECT "programmeId", date_trunc('month', "spentOn")::date AS month, sum("amountPence")::bigint AS "spentPence"
  FROM as_at."Spend" WHERE "retiredAt" IS NULL GROUP BY 1, 2;

DROP VIEW as_at."CostSharingTotal";
CREATE VIEW as_at."CostSharingTotal" AS
  SELECT agreement.id AS "agreementId", sum(spend."amountPence")::bigint AS "spentPence"
  FROM as_at."CostSharingAgreement" agreement
  JOIN as_at."Spend" spend ON spend."programmeId" = agreement."programmeId"
   AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
   AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date) AND coalesce(agreement."effectiveTo", 'infinity'::date)
  WHERE spend."retiredAt" IS NULL
  GROUP BY 1;

DROP VIEW as_at."CostSharingPaymentTotal";
CREATE VIEW as_at."CostSharingPaymentTotal" AS
  SELECT agreement.id AS "agreementId", spend."payingOrganisationId" AS "organisationId", sum(spend."amountPence")::bigint AS "paidPence"
  FROM as_at."CostSharingAgreement" agreement
  JOIN as_at."Spend" spend ON spend."programmeId" = agreement."programmeId"
   AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
   AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date) AND coalesce(agreement."effectiveTo", 'infinity'::date)
  WHERE spend."retiredAt" IS NULL AND spend."payingOrganisationId" IS NOT NULL
  GROUP BY 1, 2;
