-- CreateTable
CREATE TABLE "ProgrammeMonthTotal" (
    "programmeId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "spentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ProgrammeMonthTotal_pkey" PRIMARY KEY ("programmeId","month")
);

-- Each spend change now carries its month, so the spend triggers keep ProgrammeMonthTotal too.
ALTER TYPE fundline_spend_change ADD ATTRIBUTE month date;

ALTER TABLE "ProgrammeMonthTotal" ADD CONSTRAINT "ProgrammeMonthTotal_spentPence_within_bounds"
  CHECK ("spentPence" BETWEEN -1000000000000 AND 1000000000000);

-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_apply_spend_changes(changes fundline_spend_change[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "namedSpentPence")
  SELECT commitment, sum(pence) FROM unnest(changes) WHERE commitment IS NOT NULL
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "namedSpentPence" = total."namedSpentPence" + excluded."namedSpentPence";

  INSERT INTO "CommitmentYearTotal" AS total ("commitmentId", "financialYear", "namedSpentPence")
  SELECT commitment, financial_year, sum(pence) FROM unnest(changes) WHERE commitment IS NOT NULL
  GROUP BY 1, 2 HAVING sum(pence) <> 0 ORDER BY 1, 2
  ON CONFLICT ("commitmentId", "financialYear")
  DO UPDATE SET "namedSpentPence" = total."namedSpentPence" + excluded."namedSpentPence";

  INSERT INTO "CostLineTotal" AS total ("costLineId", "spentPence", "unnamedSpentPence")
  SELECT cost_line, sum(pence), coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 OR coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) <> 0 ORDER BY 1
  ON CONFLICT ("costLineId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence",
    "unnamedSpentPence" = total."unnamedSpentPence" + excluded."unnamedSpentPence";

  INSERT INTO "CostLineYearTotal" AS total ("costLineId", "financialYear", "spentPence", "unnamedSpentPence")
  SELECT cost_line, financial_year, sum(pence), coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0)
  FROM unnest(changes)
  GROUP BY 1, 2 HAVING sum(pence) <> 0 OR coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) <> 0 ORDER BY 1, 2
  ON CONFLICT ("costLineId", "financialYear") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence",
    "unnamedSpentPence" = total."unnamedSpentPence" + excluded."unnamedSpentPence";

  INSERT INTO "ProgrammeMonthTotal" AS total ("programmeId", month, "spentPence")
  SELECT programme, month, sum(pence) FROM unnest(changes)
  GROUP BY 1, 2 HAVING sum(pence) <> 0 ORDER BY 1, 2
  ON CONFLICT ("programmeId", month) DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "spentPence")
  SELECT programme, sum(pence) FROM unnest(changes)
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence";
$function$;

CREATE OR REPLACE FUNCTION public.fundline_spend_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changes fundline_spend_change[];
  covered fundline_covered_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), sum("amountPence"),
                 date_trunc('month', "spentOn")::date)::fundline_spend_change
      FROM new_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), date_trunc('month', "spentOn")::date);
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -sum("amountPence"),
                 date_trunc('month', "spentOn")::date)::fundline_spend_change
      FROM old_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), date_trunc('month', "spentOn")::date);
  ELSE
    -- Groups that net to zero stay in: their programme must still be locked (see above).
    changes := ARRAY(
      SELECT ROW(programme, cost_line, commitment, financial_year, sum(pence), month)::fundline_spend_change
      FROM (
        SELECT "programmeId" AS programme, "costLineId" AS cost_line, "commitmentId" AS commitment,
               fundline_financial_year("spentOn") AS financial_year, "amountPence" AS pence,
               date_trunc('month', "spentOn")::date AS month
        FROM new_rows WHERE "retiredAt" IS NULL
        UNION ALL
        SELECT "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -"amountPence",
               date_trunc('month', "spentOn")::date
        FROM old_rows WHERE "retiredAt" IS NULL
      ) change
      GROUP BY programme, cost_line, commitment, financial_year, month);
  END IF;
  PERFORM fundline_apply_spend_changes(changes);

  -- Now that the programmes are locked, statements of their own read the agreements as
  -- committed now; only spend in a programme with an agreement can be covered.
  IF TG_OP <> 'DELETE' THEN
    covered := ARRAY(
      SELECT ROW("programmeId", "costLineId", "spentOn", "payingOrganisationId", "amountPence")::fundline_covered_change
      FROM new_rows WHERE "retiredAt" IS NULL
        AND EXISTS (SELECT 1 FROM "CostSharingAgreement" agreement WHERE agreement."programmeId" = new_rows."programmeId"));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    covered := coalesce(covered, '{}') || ARRAY(
      SELECT ROW("programmeId", "costLineId", "spentOn", "payingOrganisationId", -"amountPence")::fundline_covered_change
      FROM old_rows WHERE "retiredAt" IS NULL
        AND EXISTS (SELECT 1 FROM "CostSharingAgreement" agreement WHERE agreement."programmeId" = old_rows."programmeId"));
  END IF;
  IF cardinality(covered) > 0 THEN
    PERFORM fundline_apply_covered_spend_changes(covered);
  END IF;
  RETURN NULL;
END $function$;

-- The months of the spend already recorded, from the rows.
INSERT INTO "ProgrammeMonthTotal" ("programmeId", month, "spentPence")
SELECT "programmeId", date_trunc('month', "spentOn")::date, sum("amountPence")
FROM "Spend" WHERE "retiredAt" IS NULL
GROUP BY 1, 2 HAVING sum("amountPence") <> 0;
