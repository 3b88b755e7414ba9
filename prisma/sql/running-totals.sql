-- Running totals: what is committed, allocated, received and spent per commitment, cost line,
-- financial year and programme, kept by statement-level triggers in the same transaction as every
-- write.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_financial_year ─────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_financial_year(day date)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN (EXTRACT(year FROM (day - '3 mons'::interval)))::integer;

-- ─── fundline_apply_commitment_changes ───────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_apply_commitment_changes(changes fundline_commitment_change[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "amountPence")
  SELECT commitment, sum(amount) FROM unnest(changes)
  GROUP BY 1 HAVING sum(amount) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "amountPence" = total."amountPence" + excluded."amountPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "committedPence")
  SELECT programme, sum(committed) FROM unnest(changes) WHERE programme IS NOT NULL
  GROUP BY 1 HAVING sum(committed) <> 0 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "committedPence" = total."committedPence" + excluded."committedPence";
$function$;

-- ─── fundline_apply_allocation_changes ───────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_apply_allocation_changes(changes fundline_allocation_change[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "allocatedPence")
  SELECT commitment, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";

  INSERT INTO "CostLineTotal" AS total ("costLineId", "allocatedPence")
  SELECT cost_line, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("costLineId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "allocatedPence")
  SELECT line."programmeId", sum(change.pence) FROM unnest(changes) change JOIN "CostLine" line ON line.id = change.cost_line
  GROUP BY 1 HAVING sum(change.pence) <> 0 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";
$function$;

-- ─── fundline_apply_receipt_changes ──────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_apply_receipt_changes(changes fundline_receipt_change[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "receivedPence")
  SELECT commitment, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "receivedPence" = total."receivedPence" + excluded."receivedPence";
$function$;

-- ─── fundline_apply_spend_changes ────────────────────────────────────────────────────
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

-- ─── fundline_commitment_totals ──────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_commitment_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changes fundline_commitment_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW(id, "programmeId", "amountPence",
                                CASE WHEN status IN ('awarded', 'received') THEN "amountPence" ELSE 0 END)::fundline_commitment_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW(id, "programmeId", -"amountPence",
                                           CASE WHEN status IN ('awarded', 'received') THEN -"amountPence" ELSE 0 END)::fundline_commitment_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_commitment_changes(changes);
  RETURN NULL;
END $function$;

CREATE TRIGGER "FundingCommitment_totals_delete" AFTER DELETE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();
CREATE TRIGGER "FundingCommitment_totals_insert" AFTER INSERT ON public."FundingCommitment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();
CREATE TRIGGER "FundingCommitment_totals_update" AFTER UPDATE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();

-- ─── fundline_allocation_totals ──────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_allocation_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changes fundline_allocation_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW("commitmentId", "costLineId", "amountPence")::fundline_allocation_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW("commitmentId", "costLineId", -"amountPence")::fundline_allocation_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_allocation_changes(changes);
  RETURN NULL;
END $function$;

CREATE TRIGGER "Allocation_totals_delete" AFTER DELETE ON public."Allocation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();
CREATE TRIGGER "Allocation_totals_insert" AFTER INSERT ON public."Allocation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();
CREATE TRIGGER "Allocation_totals_update" AFTER UPDATE ON public."Allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();

-- ─── fundline_receipt_totals ─────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_receipt_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changes fundline_receipt_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW("commitmentId", "amountPence")::fundline_receipt_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW("commitmentId", -"amountPence")::fundline_receipt_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_receipt_changes(changes);
  RETURN NULL;
END $function$;

CREATE TRIGGER "Receipt_totals_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();
CREATE TRIGGER "Receipt_totals_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();
CREATE TRIGGER "Receipt_totals_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();

-- ─── fundline_spend_totals ───────────────────────────────────────────────────────────
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

CREATE TRIGGER "Spend_totals_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();
CREATE TRIGGER "Spend_totals_insert" AFTER INSERT ON public."Spend" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();
CREATE TRIGGER "Spend_totals_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();
