-- Row versions: every version of the records the figures are worked out from, with when it held,
-- so the dashboard, the reconciliation and a programme's money can be shown as they stood at any
-- past moment (`?asAt=`; apps/api/src/lib/as-at.ts). The `as_at` schema has a view per versioned
-- table, with its name and columns, showing its rows as they were (`fundline.as_at`); a read "as
-- at" copies each into a temporary table of the same name (found before the real one), adds the
-- running totals up from the copies (the totals are not versioned: a payment would write a
-- version of five of them) and runs the same queries that read the live tables. The views are in
-- the migrations that made them (and must be made again when a versioned table's columns
-- change); what fires is here.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_as_at ─────────────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_as_at()
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
AS $function$
  SELECT current_setting('fundline.as_at')::timestamptz
$function$;

-- ─── fundline_row_key ───────────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_row_key(row_image jsonb, key_columns text[])
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
  SELECT string_agg(row_image ->> key_column, '/' ORDER BY place) FROM unnest(key_columns) WITH ORDINALITY AS keys(key_column, place)
$function$;

-- ─── fundline_keep_row_versions ─────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_keep_row_versions()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  writer bigint := pg_current_xact_id()::text::bigint;
BEGIN
  -- The version of each changed or deleted row ends with this transaction; each inserted or
  -- changed row's begins with it. Its arguments are the table's key columns. The times are
  -- stamped at commit (fundline_stamp_row_versions).
  IF TG_OP <> 'INSERT' THEN
    EXECUTE 'UPDATE public."RowVersion" version SET "toTransaction" = $3
             FROM (SELECT public.fundline_row_key(to_jsonb(old_row), $2) AS key FROM old_rows old_row) ended
             WHERE version."tableName" = $1 AND version."rowKey" = ended.key AND version."toTransaction" IS NULL'
      USING TG_TABLE_NAME, TG_ARGV, writer;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    EXECUTE 'INSERT INTO public."RowVersion" ("tableName", "rowKey", "row", "fromTransaction")
             SELECT $1, public.fundline_row_key(to_jsonb(new_row), $2), to_jsonb(new_row), $3 FROM new_rows new_row'
      USING TG_TABLE_NAME, TG_ARGV, writer;
  END IF;
  INSERT INTO public."VersionStamp" ("transactionId") VALUES (writer) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $function$;

-- ─── fundline_keep_earlier_row_versions ─────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_keep_earlier_row_versions()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  writer bigint := pg_current_xact_id()::text::bigint;
BEGIN
  -- Payments are many and mostly never change: a payment's latest version is the row itself
  -- (from its "createdAt"), and only the versions a change or a deletion ends are kept. One
  -- that began in this same transaction (changed twice in it) begins and ends at its commit.
  EXECUTE 'INSERT INTO public."RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "toTransaction", "validFrom")
           SELECT $1, old_row.id::text, to_jsonb(old_row),
                  CASE WHEN changed_here THEN $2 END, $2,
                  CASE WHEN NOT changed_here THEN least(coalesce(began, old_row."createdAt"), clock_timestamp()) END
           FROM old_rows old_row
           CROSS JOIN LATERAL (
             SELECT coalesce(bool_or(earlier."toTransaction" = $2), false) AS changed_here, max(earlier."validTo") AS began
             FROM public."RowVersion" earlier WHERE earlier."tableName" = $1 AND earlier."rowKey" = old_row.id::text) earlier'
    USING TG_TABLE_NAME, writer;
  INSERT INTO public."VersionStamp" ("transactionId") VALUES (writer) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $function$;

-- ─── fundline_stamp_row_versions ────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_stamp_row_versions()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  stamp timestamptz := clock_timestamp();
BEGIN
  -- At commit, once per writing transaction: every version it began or ended gets one time, so
  -- a moment sees the transaction whole or not at all. A writer that waited for another's rows
  -- commits after it, so its time is later: the versions of a row never overlap.
  UPDATE public."RowVersion" SET "validFrom" = stamp WHERE "fromTransaction" = NEW."transactionId" AND "validFrom" IS NULL;
  UPDATE public."RowVersion" SET "validTo" = stamp WHERE "toTransaction" = NEW."transactionId" AND "validTo" IS NULL;
  DELETE FROM public."VersionStamp" WHERE "transactionId" = NEW."transactionId";
  RETURN NULL;
END $function$;

CREATE TRIGGER "Allocation_versions_delete" AFTER DELETE ON public."Allocation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Allocation_versions_insert" AFTER INSERT ON public."Allocation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Allocation_versions_update" AFTER UPDATE ON public."Allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Benefit_versions_delete" AFTER DELETE ON public."Benefit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Benefit_versions_insert" AFTER INSERT ON public."Benefit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Benefit_versions_update" AFTER UPDATE ON public."Benefit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "BenefitReading_versions_delete" AFTER DELETE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "BenefitReading_versions_insert" AFTER INSERT ON public."BenefitReading" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "BenefitReading_versions_update" AFTER UPDATE ON public."BenefitReading" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CommitmentYearProfile_versions_delete" AFTER DELETE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CommitmentYearProfile_versions_insert" AFTER INSERT ON public."CommitmentYearProfile" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CommitmentYearProfile_versions_update" AFTER UPDATE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostLine_versions_delete" AFTER DELETE ON public."CostLine" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostLine_versions_insert" AFTER INSERT ON public."CostLine" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostLine_versions_update" AFTER UPDATE ON public."CostLine" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostShare_versions_delete" AFTER DELETE ON public."CostShare" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostShare_versions_insert" AFTER INSERT ON public."CostShare" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostShare_versions_update" AFTER UPDATE ON public."CostShare" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostSharingAgreement_versions_delete" AFTER DELETE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostSharingAgreement_versions_insert" AFTER INSERT ON public."CostSharingAgreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "CostSharingAgreement_versions_update" AFTER UPDATE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "DeliverableTarget_versions_delete" AFTER DELETE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "DeliverableTarget_versions_insert" AFTER INSERT ON public."DeliverableTarget" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "DeliverableTarget_versions_update" AFTER UPDATE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FunderClaim_versions_delete" AFTER DELETE ON public."FunderClaim" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FunderClaim_versions_insert" AFTER INSERT ON public."FunderClaim" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FunderClaim_versions_update" AFTER UPDATE ON public."FunderClaim" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Fund_versions_delete" AFTER DELETE ON public."Fund" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Fund_versions_insert" AFTER INSERT ON public."Fund" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Fund_versions_update" AFTER UPDATE ON public."Fund" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FundingCommitment_versions_delete" AFTER DELETE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FundingCommitment_versions_insert" AFTER INSERT ON public."FundingCommitment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "FundingCommitment_versions_update" AFTER UPDATE ON public."FundingCommitment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Milestone_versions_delete" AFTER DELETE ON public."Milestone" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Milestone_versions_insert" AFTER INSERT ON public."Milestone" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Milestone_versions_update" AFTER UPDATE ON public."Milestone" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Programme_versions_delete" AFTER DELETE ON public."Programme" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Programme_versions_insert" AFTER INSERT ON public."Programme" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Programme_versions_update" AFTER UPDATE ON public."Programme" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Receipt_versions_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Receipt_versions_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Receipt_versions_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');
CREATE TRIGGER "Spend_versions_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_earlier_row_versions();
CREATE TRIGGER "Spend_versions_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_earlier_row_versions();
CREATE CONSTRAINT TRIGGER "VersionStamp_at_commit" AFTER INSERT ON public."VersionStamp" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fundline_stamp_row_versions();
