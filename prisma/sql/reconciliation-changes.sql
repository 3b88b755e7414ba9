-- Change notes: which programmes each writing transaction can change, so a kept portfolio
-- reconciliation recomputes just those, and a kept dashboard knows it must be worked out again
-- (the dashboard also reads milestones, deliverables, benefits and their readings).
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_note_reconciliation_change ─────────────────────────────────────────────
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
    -- A fund's type says which of its commitments are capital: the programmes they fund.
    WHEN 'fund' THEN ARRAY(SELECT "programmeId" FROM "FundingCommitment" WHERE "fundId" = ANY (keys) AND "programmeId" IS NOT NULL)
    -- No finding counts anything an organisation's own row holds.
    WHEN 'organisation' THEN '{}'::uuid[]
  END;
  -- Funds' and organisations' names are on any programme's page, so every kept page is stale
  -- (`everything`), though only the programmes named here are counted again.
  INSERT INTO "ReconciliationChange" AS change ("transactionId", "programmeIds", everything)
  VALUES (pg_current_xact_id()::text::bigint, ARRAY(SELECT DISTINCT unnest(programmes)), key_of IN ('fund', 'organisation'))
  ON CONFLICT ("transactionId") DO UPDATE SET
    everything = change.everything OR excluded.everything,
    "programmeIds" = ARRAY(SELECT DISTINCT unnest(change."programmeIds" || excluded."programmeIds"));
  RETURN NULL;
END $function$;

CREATE TRIGGER "Allocation_reconciliation_change_delete" AFTER DELETE ON public."Allocation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('costLineId', 'cost line');
CREATE TRIGGER "Allocation_reconciliation_change_insert" AFTER INSERT ON public."Allocation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('costLineId', 'cost line');
CREATE TRIGGER "Allocation_reconciliation_change_update" AFTER UPDATE ON public."Allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('costLineId', 'cost line');
CREATE TRIGGER "BenefitReading_reconciliation_change_delete" AFTER DELETE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');
CREATE TRIGGER "BenefitReading_reconciliation_change_insert" AFTER INSERT ON public."BenefitReading" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');
CREATE TRIGGER "BenefitReading_reconciliation_change_update" AFTER UPDATE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('benefitId', 'benefit');
CREATE TRIGGER "Benefit_reconciliation_change_delete" AFTER DELETE ON public."Benefit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Benefit_reconciliation_change_insert" AFTER INSERT ON public."Benefit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Benefit_reconciliation_change_update" AFTER UPDATE ON public."Benefit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CommitmentYearProfile_reconciliation_change_delete" AFTER DELETE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "CommitmentYearProfile_reconciliation_change_insert" AFTER INSERT ON public."CommitmentYearProfile" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "CommitmentYearProfile_reconciliation_change_update" AFTER UPDATE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "CostLine_reconciliation_change_delete" AFTER DELETE ON public."CostLine" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CostLine_reconciliation_change_insert" AFTER INSERT ON public."CostLine" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CostLine_reconciliation_change_update" AFTER UPDATE ON public."CostLine" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CostShare_reconciliation_change_delete" AFTER DELETE ON public."CostShare" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('agreementId', 'agreement');
CREATE TRIGGER "CostShare_reconciliation_change_insert" AFTER INSERT ON public."CostShare" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('agreementId', 'agreement');
CREATE TRIGGER "CostShare_reconciliation_change_update" AFTER UPDATE ON public."CostShare" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('agreementId', 'agreement');
CREATE TRIGGER "CostSharingAgreement_reconciliation_change_delete" AFTER DELETE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CostSharingAgreement_reconciliation_change_insert" AFTER INSERT ON public."CostSharingAgreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "CostSharingAgreement_reconciliation_change_update" AFTER UPDATE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "DeliverableTarget_reconciliation_change_delete" AFTER DELETE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "DeliverableTarget_reconciliation_change_insert" AFTER INSERT ON public."DeliverableTarget" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "DeliverableTarget_reconciliation_change_update" AFTER UPDATE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Fund_reconciliation_change_delete" AFTER DELETE ON public."Fund" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'fund');
CREATE TRIGGER "Fund_reconciliation_change_update" AFTER UPDATE ON public."Fund" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'fund');
CREATE TRIGGER "FundingCommitment_reconciliation_change_delete" AFTER DELETE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "FundingCommitment_reconciliation_change_insert" AFTER INSERT ON public."FundingCommitment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "FundingCommitment_reconciliation_change_update" AFTER UPDATE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Milestone_reconciliation_change_delete" AFTER DELETE ON public."Milestone" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Milestone_reconciliation_change_insert" AFTER INSERT ON public."Milestone" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Milestone_reconciliation_change_update" AFTER UPDATE ON public."Milestone" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Organisation_reconciliation_change_delete" AFTER DELETE ON public."Organisation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'organisation');
CREATE TRIGGER "Organisation_reconciliation_change_update" AFTER UPDATE ON public."Organisation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'organisation');
CREATE TRIGGER "ProgrammePartner_reconciliation_change_delete" AFTER DELETE ON public."ProgrammePartner" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "ProgrammePartner_reconciliation_change_insert" AFTER INSERT ON public."ProgrammePartner" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "ProgrammePartner_reconciliation_change_update" AFTER UPDATE ON public."ProgrammePartner" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Programme_reconciliation_change_delete" AFTER DELETE ON public."Programme" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'programme');
CREATE TRIGGER "Programme_reconciliation_change_insert" AFTER INSERT ON public."Programme" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'programme');
CREATE TRIGGER "Programme_reconciliation_change_update" AFTER UPDATE ON public."Programme" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'programme');
CREATE TRIGGER "Receipt_reconciliation_change_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "Receipt_reconciliation_change_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "Receipt_reconciliation_change_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('commitmentId', 'commitment');
CREATE TRIGGER "Spend_reconciliation_change_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Spend_reconciliation_change_insert" AFTER INSERT ON public."Spend" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
CREATE TRIGGER "Spend_reconciliation_change_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('programmeId', 'programme');
