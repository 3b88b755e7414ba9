-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_note_reconciliation_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  key_column text := TG_ARGV[0];
  key_of text := TG_ARGV[1];
  keys uuid[] := '{}';
  found uuid[];
  programmes uuid[];
BEGIN
  IF key_of <> 'everything' THEN
    IF TG_OP <> 'DELETE' THEN
      EXECUTE format('SELECT array_agg(key) FROM (SELECT DISTINCT %I AS key FROM new_rows WHERE %I IS NOT NULL) keys', key_column, key_column) INTO found;
      keys := keys || coalesce(found, '{}');
    END IF;
    IF TG_OP <> 'INSERT' THEN
      EXECUTE format('SELECT array_agg(key) FROM (SELECT DISTINCT %I AS key FROM old_rows WHERE %I IS NOT NULL) keys', key_column, key_column) INTO found;
      keys := keys || coalesce(found, '{}');
    END IF;
    programmes := CASE key_of
      WHEN 'programme' THEN keys
      WHEN 'cost line' THEN ARRAY(SELECT "programmeId" FROM "CostLine" WHERE id = ANY (keys))
      WHEN 'commitment' THEN ARRAY(SELECT "programmeId" FROM "FundingCommitment" WHERE id = ANY (keys) AND "programmeId" IS NOT NULL)
      WHEN 'agreement' THEN ARRAY(SELECT "programmeId" FROM "CostSharingAgreement" WHERE id = ANY (keys))
      WHEN 'benefit' THEN ARRAY(SELECT "programmeId" FROM "Benefit" WHERE id = ANY (keys))
    END;
  END IF;
  INSERT INTO "ReconciliationChange" AS change ("transactionId", "programmeIds", everything)
  VALUES (pg_current_xact_id()::text::bigint, ARRAY(SELECT DISTINCT unnest(programmes)), key_of = 'everything')
  ON CONFLICT ("transactionId") DO UPDATE SET
    everything = change.everything OR excluded.everything,
    "programmeIds" = ARRAY(SELECT DISTINCT unnest(change."programmeIds" || excluded."programmeIds"));
  RETURN NULL;
END $function$;

CREATE TRIGGER "BenefitReading_reconciliation_change_delete" AFTER DELETE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');

CREATE TRIGGER "BenefitReading_reconciliation_change_insert" AFTER INSERT ON public."BenefitReading" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');

CREATE TRIGGER "BenefitReading_reconciliation_change_update" AFTER UPDATE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');

CREATE TRIGGER "Benefit_reconciliation_change_delete" AFTER DELETE ON public."Benefit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "Benefit_reconciliation_change_insert" AFTER INSERT ON public."Benefit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "Benefit_reconciliation_change_update" AFTER UPDATE ON public."Benefit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "DeliverableTarget_reconciliation_change_delete" AFTER DELETE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "DeliverableTarget_reconciliation_change_insert" AFTER INSERT ON public."DeliverableTarget" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "DeliverableTarget_reconciliation_change_update" AFTER UPDATE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "Milestone_reconciliation_change_delete" AFTER DELETE ON public."Milestone" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "Milestone_reconciliation_change_insert" AFTER INSERT ON public."Milestone" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');

CREATE TRIGGER "Milestone_reconciliation_change_update" AFTER UPDATE ON public."Milestone" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
