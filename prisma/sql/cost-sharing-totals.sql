-- Cost-sharing totals: the spend each agreement covers (its line or whole programme, within its
-- dates) and what each payer paid of it.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_apply_covered_spend_changes ────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_apply_covered_spend_changes(changes fundline_covered_change[])
 RETURNS void
 LANGUAGE sql
AS $function$
  WITH covered AS (
    SELECT agreement.id AS agreement, change.payer, sum(change.pence) AS pence
    FROM unnest(changes) change
    JOIN "CostSharingAgreement" agreement ON agreement."programmeId" = change.programme
     AND (agreement."costLineId" IS NULL OR agreement."costLineId" = change.cost_line)
     AND change.spent_on BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date)
                             AND coalesce(agreement."effectiveTo", 'infinity'::date)
    GROUP BY 1, 2
  ), spent AS (
    INSERT INTO "CostSharingTotal" AS total ("agreementId", "spentPence")
    SELECT agreement, sum(pence) FROM covered GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
    ON CONFLICT ("agreementId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence"
  )
  INSERT INTO "CostSharingPaymentTotal" AS total ("agreementId", "organisationId", "paidPence")
  SELECT agreement, payer, pence FROM covered WHERE payer IS NOT NULL AND pence <> 0 ORDER BY 1, 2
  ON CONFLICT ("agreementId", "organisationId") DO UPDATE SET "paidPence" = total."paidPence" + excluded."paidPence";
$function$;

-- ─── fundline_add_up_cost_sharing ────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_add_up_cost_sharing(agreements uuid[])
 RETURNS void
 LANGUAGE sql
AS $function$
  WITH covered AS (
    SELECT agreement.id AS agreement, spend."payingOrganisationId" AS payer, sum(spend."amountPence") AS pence
    FROM "CostSharingAgreement" agreement
    JOIN "Spend" spend ON spend."programmeId" = agreement."programmeId"
     AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
     AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date)
                             AND coalesce(agreement."effectiveTo", 'infinity'::date)
    WHERE agreement.id = ANY (agreements) AND spend."retiredAt" IS NULL
    GROUP BY 1, 2
  ), spent AS (
    INSERT INTO "CostSharingTotal" ("agreementId", "spentPence")
    SELECT agreement, sum(pence) FROM covered GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  )
  INSERT INTO "CostSharingPaymentTotal" ("agreementId", "organisationId", "paidPence")
  SELECT agreement, payer, pence FROM covered WHERE payer IS NOT NULL AND pence <> 0 ORDER BY 1, 2;
$function$;

-- ─── fundline_cost_sharing_totals ────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_cost_sharing_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  agreements uuid[];
  programmes uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id), array_agg(DISTINCT "programmeId") INTO agreements, programmes FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(id), array_agg(DISTINCT "programmeId") INTO agreements, programmes FROM old_rows;
  ELSE
    SELECT array_agg(new_rows.id), array_agg(DISTINCT programme) INTO agreements, programmes
    FROM new_rows JOIN old_rows USING (id)
    CROSS JOIN LATERAL (VALUES (new_rows."programmeId"), (old_rows."programmeId")) moved (programme)
    WHERE (new_rows."programmeId", new_rows."costLineId", new_rows."effectiveFrom", new_rows."effectiveTo")
          IS DISTINCT FROM (old_rows."programmeId", old_rows."costLineId", old_rows."effectiveFrom", old_rows."effectiveTo");
  END IF;
  IF agreements IS NULL THEN
    RETURN NULL;
  END IF;
  -- The same lock a spend statement on these programmes takes (a no-op update if present).
  INSERT INTO "ProgrammeTotal" AS total ("programmeId")
  SELECT programme FROM unnest(programmes) programme ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "spentPence" = total."spentPence";

  DELETE FROM "CostSharingTotal" WHERE "agreementId" = ANY (agreements);
  DELETE FROM "CostSharingPaymentTotal" WHERE "agreementId" = ANY (agreements);
  IF TG_OP <> 'DELETE' THEN
    PERFORM fundline_add_up_cost_sharing(agreements);
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "CostSharingAgreement_totals_delete" AFTER DELETE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
CREATE TRIGGER "CostSharingAgreement_totals_insert" AFTER INSERT ON public."CostSharingAgreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
CREATE TRIGGER "CostSharingAgreement_totals_update" AFTER UPDATE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
