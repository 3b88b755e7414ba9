-- AlterTable
ALTER TABLE "ReconciliationChange" ADD COLUMN     "everything" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "programmeIds" UUID[];

-- Each watched table now notes which programmes its writes can change, read from the
-- statement's rows (transition tables): the trigger's arguments name the column holding the
-- key and what it is a key of. A kept portfolio then recomputes just those programmes. Writes
-- to a fund or an organisation can change any programme's flags (capital or not, a partner's
-- name) and say so with `everything`.
CREATE OR REPLACE FUNCTION fundline_note_reconciliation_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    END;
  END IF;
  INSERT INTO "ReconciliationChange" AS change ("transactionId", "programmeIds", everything)
  VALUES (pg_current_xact_id()::text::bigint, ARRAY(SELECT DISTINCT unnest(programmes)), key_of = 'everything')
  ON CONFLICT ("transactionId") DO UPDATE SET
    everything = change.everything OR excluded.everything,
    "programmeIds" = ARRAY(SELECT DISTINCT unnest(change."programmeIds" || excluded."programmeIds"));
  RETURN NULL;
END $$;

-- Transition tables need one trigger per event.
DO $$
DECLARE
  watched text[];
BEGIN
  FOREACH watched SLICE 1 IN ARRAY ARRAY[
    ['Spend', 'programmeId', 'programme'],
    ['Allocation', 'costLineId', 'cost line'],
    ['Receipt', 'commitmentId', 'commitment'],
    ['FundingCommitment', 'programmeId', 'programme'],
    ['CommitmentYearProfile', 'commitmentId', 'commitment'],
    ['Programme', 'id', 'programme'],
    ['ProgrammePartner', 'programmeId', 'programme'],
    ['CostLine', 'programmeId', 'programme'],
    ['CostSharingAgreement', 'programmeId', 'programme'],
    ['CostShare', 'agreementId', 'agreement'],
    ['Fund', 'id', 'everything'],
    ['Organisation', 'id', 'everything']]
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', watched[1] || '_reconciliation_change', watched[1]);
    -- A new fund or organisation is in no programme's figures until something names it (and
    -- that write notes its programme).
    IF watched[3] <> 'everything' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change(%L, %L)',
                     watched[1] || '_reconciliation_change_insert', watched[1], watched[2], watched[3]);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change(%L, %L)',
                   watched[1] || '_reconciliation_change_update', watched[1], watched[2], watched[3]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change(%L, %L)',
                   watched[1] || '_reconciliation_change_delete', watched[1], watched[2], watched[3]);
  END LOOP;
END $$;
