-- The council whose data each row is, on the row itself: every table holding a programme's
-- records carries its programme and its lead council ("councilId"; a commitment, decision or
-- change request with no programme: its recipient's or organisation's), so a council's rows can
-- be picked out without a join: by a row-level security policy, or as the distribution column
-- if the database is ever sharded by council (docs/operations.md). Kept by the database, not the
-- API: a row takes its programme's lead, or its parent's programme and council, as it is
-- written, whatever the writer said, and a parent whose programme changes passes it down.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_council_of_programme ───────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_council_of_programme()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- A programme's record is its lead council's, whatever was written. With no programme, the
  -- column the trigger names (a commitment's recipient, a decision's organisation), if any.
  NEW."councilId" := coalesce(
    (SELECT programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = NEW."programmeId"),
    CASE WHEN TG_NARGS > 0 THEN (to_jsonb(NEW) ->> TG_ARGV[0])::uuid END);
  RETURN NEW;
END $function$;

-- ─── fundline_scope_of_commitment, …_cost_line, …_agreement, …_milestone, …_benefit ──
CREATE OR REPLACE FUNCTION public.fundline_scope_of_commitment()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT commitment."programmeId", commitment."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "FundingCommitment" commitment WHERE commitment.id = NEW."commitmentId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_cost_line()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT line."programmeId", line."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "CostLine" line WHERE line.id = NEW."costLineId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_agreement()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT agreement."programmeId", agreement."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "CostSharingAgreement" agreement WHERE agreement.id = NEW."agreementId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_milestone()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT milestone."programmeId", milestone."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "Milestone" milestone WHERE milestone.id = NEW."milestoneId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_benefit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT benefit."programmeId", benefit."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "Benefit" benefit WHERE benefit.id = NEW."benefitId";
  RETURN NEW;
END $function$;

-- ─── fundline_pass_scope_down ────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_pass_scope_down()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  child text;
BEGIN
  -- A record whose programme (so council) changed: its children follow. TG_ARGV[0] is their
  -- column naming it, the rest the child tables; each child's own trigger takes the new scope.
  FOREACH child IN ARRAY TG_ARGV[1:] LOOP
    EXECUTE format('UPDATE public.%I SET "programmeId" = $1, "councilId" = $2 WHERE %I = $3', child, TG_ARGV[0])
    USING NEW."programmeId", NEW."councilId", NEW.id;
  END LOOP;
  RETURN NULL;
END $function$;

-- ─── triggers ───────────────────────────────────────────────────────────────────────
CREATE TRIGGER "AttributedSpend_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."AttributedSpend" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "Benefit_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Benefit" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "CostLine_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."CostLine" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "CostSharingAgreement_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."CostSharingAgreement" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "DeliverableTarget_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."DeliverableTarget" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "Milestone_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Milestone" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeAssignment_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeAssignment" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeFinding_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeFinding" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeFunderFigure_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeFunderFigure" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeMonthTotal_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeMonthTotal" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammePartner_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammePartner" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeTotal_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeTotal" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ProgrammeYearFigure_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeYearFigure" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "Risk_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Risk" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "Spend_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Spend" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "Workstream_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Workstream" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "AuditEvent_council" BEFORE INSERT ON public."AuditEvent" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();
CREATE TRIGGER "ChangeRequest_council" BEFORE INSERT OR UPDATE OF "programmeId", "organisationId", "councilId" ON public."ChangeRequest" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('organisationId');
CREATE TRIGGER "Decision_council" BEFORE INSERT OR UPDATE OF "programmeId", "organisationId", "councilId" ON public."Decision" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('organisationId');
CREATE TRIGGER "FundingCommitment_council" BEFORE INSERT OR UPDATE OF "programmeId", "recipientId", "councilId" ON public."FundingCommitment" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('recipientId');
CREATE TRIGGER "CommitmentYearProfile_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentYearProfile" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "Receipt_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."Receipt" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "Allocation_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."Allocation" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "CommitmentTotal_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "CommitmentYearTotal_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentYearTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "FunderClaim_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."FunderClaim" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();
CREATE TRIGGER "FundingCommitment_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."FundingCommitment" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('commitmentId', 'CommitmentYearProfile', 'Receipt', 'Allocation', 'CommitmentTotal', 'CommitmentYearTotal', 'FunderClaim');
CREATE TRIGGER "CostLineTotal_council" BEFORE INSERT OR UPDATE OF "costLineId", "programmeId", "councilId" ON public."CostLineTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_cost_line();
CREATE TRIGGER "CostLineYearTotal_council" BEFORE INSERT OR UPDATE OF "costLineId", "programmeId", "councilId" ON public."CostLineYearTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_cost_line();
CREATE TRIGGER "CostLine_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."CostLine" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('costLineId', 'CostLineTotal', 'CostLineYearTotal');
CREATE TRIGGER "CostShare_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostShare" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();
CREATE TRIGGER "CostSharingTotal_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostSharingTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();
CREATE TRIGGER "CostSharingPaymentTotal_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostSharingPaymentTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();
CREATE TRIGGER "CostSharingAgreement_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."CostSharingAgreement" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('agreementId', 'CostShare', 'CostSharingTotal', 'CostSharingPaymentTotal');
CREATE TRIGGER "MilestoneChange_council" BEFORE INSERT OR UPDATE OF "milestoneId", "programmeId", "councilId" ON public."MilestoneChange" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_milestone();
CREATE TRIGGER "Milestone_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."Milestone" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('milestoneId', 'MilestoneChange');
CREATE TRIGGER "BenefitReading_council" BEFORE INSERT OR UPDATE OF "benefitId", "programmeId", "councilId" ON public."BenefitReading" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_benefit();
CREATE TRIGGER "Benefit_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."Benefit" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('benefitId', 'BenefitReading');
