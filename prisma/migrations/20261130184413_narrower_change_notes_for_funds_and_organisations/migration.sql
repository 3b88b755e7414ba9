-- Change notes for funds and organisations name only what their findings read: a fund the
-- programmes its commitments fund (its type says which are capital), an organisation none.
-- Before, either counted every programme again at commit, locking every kept finding row: a
-- fund renamed at 5,000 programmes held every payment being recorded for about a second.
-- Both still mark every kept page stale; their names are on any page.
-- From prisma/sql/
DROP TRIGGER IF EXISTS "Fund_reconciliation_change_delete" ON public."Fund";

DROP TRIGGER IF EXISTS "Fund_reconciliation_change_update" ON public."Fund";

DROP TRIGGER IF EXISTS "Organisation_reconciliation_change_delete" ON public."Organisation";

DROP TRIGGER IF EXISTS "Organisation_reconciliation_change_update" ON public."Organisation";

CREATE OR REPLACE FUNCTION public.fundline_keep_programme_findings()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  programmes uuid[];
BEGIN
  -- At commit (a deferred trigger), once per writing transaction: its change note now names
  -- every programme the transaction's writes can change.
  SELECT change."programmeIds" INTO programmes
  FROM "ReconciliationChange" change WHERE change."transactionId" = NEW."transactionId";
  programmes := ARRAY(SELECT DISTINCT unnest(programmes) ORDER BY 1);
  IF cardinality(programmes) = 0 THEN
    RETURN NULL;
  END IF;
  -- Lock the programmes' rows in id order first: a transaction counting the same programme
  -- waits here until the other has committed, and the next statement's snapshot then sees it.
  INSERT INTO "ProgrammeFinding" ("programmeId")
  SELECT id FROM "Programme" WHERE id = ANY (programmes) ORDER BY id
  ON CONFLICT ("programmeId") DO NOTHING;
  PERFORM 1 FROM "ProgrammeFinding" WHERE "programmeId" = ANY (programmes) ORDER BY "programmeId" FOR UPDATE;

  INSERT INTO "ProgrammeFinding" AS kept
  SELECT * FROM fundline_programme_findings(programmes) ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET
    "notFullyFunded" = excluded."notFullyFunded",
    "overAllocated" = excluded."overAllocated",
    "receivedMore" = excluded."receivedMore",
    "spendWithoutAllocation" = excluded."spendWithoutAllocation",
    "lineOverspent" = excluded."lineOverspent",
    "partnersBehind" = excluded."partnersBehind",
    "capitalOutsideYear" = excluded."capitalOutsideYear",
    "spendOutsideDates" = excluded."spendOutsideDates",
    "largePayments" = excluded."largePayments",
    "unspentCommitments" = excluded."unspentCommitments"
  WHERE (kept.*) IS DISTINCT FROM (excluded.*);
  DELETE FROM "ProgrammeFinding" kept
  WHERE kept."programmeId" = ANY (programmes) AND NOT EXISTS (SELECT 1 FROM "Programme" WHERE id = kept."programmeId");
  RETURN NULL;
END $function$;

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

CREATE TRIGGER "Fund_reconciliation_change_delete" AFTER DELETE ON public."Fund" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'fund');

CREATE TRIGGER "Fund_reconciliation_change_update" AFTER UPDATE ON public."Fund" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'fund');

CREATE TRIGGER "Organisation_reconciliation_change_delete" AFTER DELETE ON public."Organisation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'organisation');

CREATE TRIGGER "Organisation_reconciliation_change_update" AFTER UPDATE ON public."Organisation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change('id', 'organisation');
