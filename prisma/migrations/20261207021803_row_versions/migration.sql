-- CreateTable
CREATE TABLE "RowVersion" (
    "id" BIGSERIAL NOT NULL,
    "tableName" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "row" JSONB NOT NULL,
    "fromTransaction" BIGINT,
    "toTransaction" BIGINT,
    "validFrom" TIMESTAMPTZ(6),
    "validTo" TIMESTAMPTZ(6),

    CONSTRAINT "RowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionStamp" (
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "VersionStamp_pkey" PRIMARY KEY ("transactionId")
);

-- CreateIndex
CREATE INDEX "RowVersion_tableName_validFrom_idx" ON "RowVersion"("tableName", "validFrom");

-- CreateIndex
CREATE INDEX "RowVersion_tableName_rowKey_validTo_idx" ON "RowVersion"("tableName", "rowKey", "validTo");

-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_as_at()
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
AS $function$
  SELECT current_setting('fundline.as_at')::timestamptz
$function$;

CREATE OR REPLACE FUNCTION public.fundline_row_key(row_image jsonb, key_columns text[])
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
  SELECT string_agg(row_image ->> key_column, '/' ORDER BY place) FROM unnest(key_columns) WITH ORDINALITY AS keys(key_column, place)
$function$;

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

CREATE TRIGGER "CommitmentTotal_versions_delete" AFTER DELETE ON public."CommitmentTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId');

CREATE TRIGGER "CommitmentTotal_versions_insert" AFTER INSERT ON public."CommitmentTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId');

CREATE TRIGGER "CommitmentTotal_versions_update" AFTER UPDATE ON public."CommitmentTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId');

CREATE TRIGGER "CommitmentYearProfile_versions_delete" AFTER DELETE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CommitmentYearProfile_versions_insert" AFTER INSERT ON public."CommitmentYearProfile" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CommitmentYearProfile_versions_update" AFTER UPDATE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CommitmentYearTotal_versions_delete" AFTER DELETE ON public."CommitmentYearTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId', 'financialYear');

CREATE TRIGGER "CommitmentYearTotal_versions_insert" AFTER INSERT ON public."CommitmentYearTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId', 'financialYear');

CREATE TRIGGER "CommitmentYearTotal_versions_update" AFTER UPDATE ON public."CommitmentYearTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('commitmentId', 'financialYear');

CREATE TRIGGER "CostLine_versions_delete" AFTER DELETE ON public."CostLine" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostLine_versions_insert" AFTER INSERT ON public."CostLine" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostLine_versions_update" AFTER UPDATE ON public."CostLine" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostLineTotal_versions_delete" AFTER DELETE ON public."CostLineTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId');

CREATE TRIGGER "CostLineTotal_versions_insert" AFTER INSERT ON public."CostLineTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId');

CREATE TRIGGER "CostLineTotal_versions_update" AFTER UPDATE ON public."CostLineTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId');

CREATE TRIGGER "CostLineYearTotal_versions_delete" AFTER DELETE ON public."CostLineYearTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId', 'financialYear');

CREATE TRIGGER "CostLineYearTotal_versions_insert" AFTER INSERT ON public."CostLineYearTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId', 'financialYear');

CREATE TRIGGER "CostLineYearTotal_versions_update" AFTER UPDATE ON public."CostLineYearTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('costLineId', 'financialYear');

CREATE TRIGGER "CostShare_versions_delete" AFTER DELETE ON public."CostShare" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostShare_versions_insert" AFTER INSERT ON public."CostShare" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostShare_versions_update" AFTER UPDATE ON public."CostShare" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostSharingAgreement_versions_delete" AFTER DELETE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostSharingAgreement_versions_insert" AFTER INSERT ON public."CostSharingAgreement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostSharingAgreement_versions_update" AFTER UPDATE ON public."CostSharingAgreement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "CostSharingPaymentTotal_versions_delete" AFTER DELETE ON public."CostSharingPaymentTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId', 'organisationId');

CREATE TRIGGER "CostSharingPaymentTotal_versions_insert" AFTER INSERT ON public."CostSharingPaymentTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId', 'organisationId');

CREATE TRIGGER "CostSharingPaymentTotal_versions_update" AFTER UPDATE ON public."CostSharingPaymentTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId', 'organisationId');

CREATE TRIGGER "CostSharingTotal_versions_delete" AFTER DELETE ON public."CostSharingTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId');

CREATE TRIGGER "CostSharingTotal_versions_insert" AFTER INSERT ON public."CostSharingTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId');

CREATE TRIGGER "CostSharingTotal_versions_update" AFTER UPDATE ON public."CostSharingTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('agreementId');

CREATE TRIGGER "DeliverableTarget_versions_delete" AFTER DELETE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "DeliverableTarget_versions_insert" AFTER INSERT ON public."DeliverableTarget" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "DeliverableTarget_versions_update" AFTER UPDATE ON public."DeliverableTarget" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

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

CREATE TRIGGER "ProgrammeMonthTotal_versions_delete" AFTER DELETE ON public."ProgrammeMonthTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId', 'month');

CREATE TRIGGER "ProgrammeMonthTotal_versions_insert" AFTER INSERT ON public."ProgrammeMonthTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId', 'month');

CREATE TRIGGER "ProgrammeMonthTotal_versions_update" AFTER UPDATE ON public."ProgrammeMonthTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId', 'month');

CREATE TRIGGER "ProgrammeTotal_versions_delete" AFTER DELETE ON public."ProgrammeTotal" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId');

CREATE TRIGGER "ProgrammeTotal_versions_insert" AFTER INSERT ON public."ProgrammeTotal" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId');

CREATE TRIGGER "ProgrammeTotal_versions_update" AFTER UPDATE ON public."ProgrammeTotal" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('programmeId');

CREATE TRIGGER "Receipt_versions_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "Receipt_versions_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "Receipt_versions_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "Spend_versions_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_earlier_row_versions();

CREATE TRIGGER "Spend_versions_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_earlier_row_versions();

CREATE CONSTRAINT TRIGGER "VersionStamp_at_commit" AFTER INSERT ON public."VersionStamp" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fundline_stamp_row_versions();

-- One open version per row; the versions waiting for their transaction's commit, found at once.
CREATE UNIQUE INDEX "RowVersion_open" ON "RowVersion" ("tableName", "rowKey") WHERE "toTransaction" IS NULL;
CREATE INDEX "RowVersion_beginning" ON "RowVersion" ("fromTransaction") WHERE "validFrom" IS NULL;
CREATE INDEX "RowVersion_ending" ON "RowVersion" ("toTransaction") WHERE "validTo" IS NULL AND "toTransaction" IS NOT NULL;
ALTER TABLE "RowVersion" ADD CONSTRAINT "RowVersion_in_order" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");

-- The rows as they are now are their first versions; history begins with this migration.
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Allocation', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Allocation" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Benefit', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Benefit" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'BenefitReading', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "BenefitReading" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CommitmentTotal', fundline_row_key(to_jsonb(existing), ARRAY['commitmentId']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CommitmentTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CommitmentYearProfile', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CommitmentYearProfile" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CommitmentYearTotal', fundline_row_key(to_jsonb(existing), ARRAY['commitmentId', 'financialYear']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CommitmentYearTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostLine', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostLine" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostLineTotal', fundline_row_key(to_jsonb(existing), ARRAY['costLineId']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostLineTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostLineYearTotal', fundline_row_key(to_jsonb(existing), ARRAY['costLineId', 'financialYear']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostLineYearTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostShare', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostShare" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostSharingAgreement', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostSharingAgreement" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostSharingPaymentTotal', fundline_row_key(to_jsonb(existing), ARRAY['agreementId', 'organisationId']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostSharingPaymentTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'CostSharingTotal', fundline_row_key(to_jsonb(existing), ARRAY['agreementId']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "CostSharingTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'DeliverableTarget', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "DeliverableTarget" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Fund', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Fund" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'FundingCommitment', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "FundingCommitment" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Milestone', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Milestone" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Programme', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Programme" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'ProgrammeMonthTotal', fundline_row_key(to_jsonb(existing), ARRAY['programmeId', 'month']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "ProgrammeMonthTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'ProgrammeTotal', fundline_row_key(to_jsonb(existing), ARRAY['programmeId']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "ProgrammeTotal" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "fromTransaction", "validFrom")
  SELECT 'Receipt', fundline_row_key(to_jsonb(existing), ARRAY['id']), to_jsonb(existing), pg_current_xact_id()::text::bigint, now() FROM "Receipt" existing;
INSERT INTO "RowVersion" ("tableName", "rowKey", "row", "validFrom", "validTo") VALUES ('history', 'began', '{}', now(), now());

-- The past, under each table's own name (see prisma/sql/row-versions.sql).
CREATE SCHEMA as_at;
CREATE VIEW as_at."Allocation" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Allocation", version."row") image
  WHERE version."tableName" = 'Allocation' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Benefit" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Benefit", version."row") image
  WHERE version."tableName" = 'Benefit' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."BenefitReading" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."BenefitReading", version."row") image
  WHERE version."tableName" = 'BenefitReading' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CommitmentTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CommitmentTotal", version."row") image
  WHERE version."tableName" = 'CommitmentTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CommitmentYearProfile" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CommitmentYearProfile", version."row") image
  WHERE version."tableName" = 'CommitmentYearProfile' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CommitmentYearTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CommitmentYearTotal", version."row") image
  WHERE version."tableName" = 'CommitmentYearTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostLine" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostLine", version."row") image
  WHERE version."tableName" = 'CostLine' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostLineTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostLineTotal", version."row") image
  WHERE version."tableName" = 'CostLineTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostLineYearTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostLineYearTotal", version."row") image
  WHERE version."tableName" = 'CostLineYearTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostShare" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostShare", version."row") image
  WHERE version."tableName" = 'CostShare' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostSharingAgreement" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostSharingAgreement", version."row") image
  WHERE version."tableName" = 'CostSharingAgreement' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostSharingPaymentTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostSharingPaymentTotal", version."row") image
  WHERE version."tableName" = 'CostSharingPaymentTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."CostSharingTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."CostSharingTotal", version."row") image
  WHERE version."tableName" = 'CostSharingTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."DeliverableTarget" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."DeliverableTarget", version."row") image
  WHERE version."tableName" = 'DeliverableTarget' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Fund" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Fund", version."row") image
  WHERE version."tableName" = 'Fund' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."FundingCommitment" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."FundingCommitment", version."row") image
  WHERE version."tableName" = 'FundingCommitment' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Milestone" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Milestone", version."row") image
  WHERE version."tableName" = 'Milestone' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Programme" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Programme", version."row") image
  WHERE version."tableName" = 'Programme' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."ProgrammeMonthTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."ProgrammeMonthTotal", version."row") image
  WHERE version."tableName" = 'ProgrammeMonthTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."ProgrammeTotal" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."ProgrammeTotal", version."row") image
  WHERE version."tableName" = 'ProgrammeTotal' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Receipt" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Receipt", version."row") image
  WHERE version."tableName" = 'Receipt' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
CREATE VIEW as_at."Spend" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Spend", version."row") image
  WHERE version."tableName" = 'Spend' AND version."validFrom" < fundline_as_at() AND version."validTo" >= fundline_as_at()
  UNION ALL
  SELECT spend.* FROM public."Spend" spend
  WHERE spend."createdAt" < fundline_as_at() AND NOT EXISTS (
    SELECT 1 FROM public."RowVersion" later
    WHERE later."tableName" = 'Spend' AND later."rowKey" = spend.id::text AND later."validTo" >= fundline_as_at());
