-- Guards: the audit trail is append-only, running-total tables cannot be truncated, and every
-- programme's totals and costs added together stay an exact JSON number.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── audit_event_is_append_only ──────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.audit_event_is_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$function$;

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON public."AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE DELETE OR UPDATE ON public."AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- ─── fundline_refuse_truncate ────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_refuse_truncate()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION '% keeps running totals: delete its rows instead of truncating', TG_TABLE_NAME;
END $function$;

CREATE TRIGGER "Allocation_no_truncate" BEFORE TRUNCATE ON public."Allocation" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "CostSharingAgreement_no_truncate" BEFORE TRUNCATE ON public."CostSharingAgreement" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "FundingCommitment_no_truncate" BEFORE TRUNCATE ON public."FundingCommitment" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "Receipt_no_truncate" BEFORE TRUNCATE ON public."Receipt" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "Spend_no_truncate" BEFORE TRUNCATE ON public."Spend" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();

-- ─── fundline_programme_totals_within_bounds ─────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_programme_totals_within_bounds()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF (SELECT greatest(coalesce(sum(abs("committedPence")), 0), coalesce(sum(abs("allocatedPence")), 0),
                      coalesce(sum(abs("spentPence")), 0))
      FROM "ProgrammeTotal") > 9007199254740991 THEN
    RAISE EXCEPTION 'new row for relation "ProgrammeTotal" violates check constraint "ProgrammeTotal_everyProgramme_within_bounds"'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "ProgrammeTotal_everyProgramme_within_bounds" AFTER INSERT OR UPDATE ON public."ProgrammeTotal" FOR EACH STATEMENT EXECUTE FUNCTION fundline_programme_totals_within_bounds();

-- ─── fundline_programme_costs_within_bounds ──────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_programme_costs_within_bounds()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF (SELECT coalesce(sum(abs("totalCostPence")), 0) FROM "Programme") > 9007199254740991 THEN
    RAISE EXCEPTION 'new row for relation "Programme" violates check constraint "Programme_everyProgramme_within_bounds"'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "Programme_everyProgramme_within_bounds" AFTER INSERT OR UPDATE OF "totalCostPence" ON public."Programme" FOR EACH STATEMENT EXECUTE FUNCTION fundline_programme_costs_within_bounds();
