-- Closed periods: nothing dated inside a month or financial year a council has closed is written
-- (a payment, a receipt, a financial year's profile, an allocation sharing out such a payment), by any route, import or script, until it is
-- re-opened. The check is set-based (one join over the statement's rows), so an import's 200,000
-- rows cost one query, and nothing at all while the council has nothing closed.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_refuse_closed_period ───────────────────────────────────────────────────
-- The refusal, as a check violation whose message the API words for people (errors.ts).
CREATE OR REPLACE FUNCTION public.fundline_refuse_closed_period(field text, day date, period uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  closed record;
BEGIN
  SELECT close.label, closer."displayName" AS closer, (close."closedAt" AT TIME ZONE 'Europe/London')::date AS closed_on
  INTO closed
  FROM "PeriodClose" close LEFT JOIN "User" closer ON closer.id = close."closedById"
  WHERE close.id = period;
  RAISE EXCEPTION 'fundline_closed_period %',
    json_build_object('field', field, 'day', day, 'period', closed.label, 'closedBy', closed.closer,
                      'closedOn', closed.closed_on)
    USING ERRCODE = 'check_violation';
END $function$;

-- ─── fundline_spend_in_closed_period ─────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_spend_in_closed_period()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  hit record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "PeriodClose" WHERE "reopenedAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT spend."spentOn" AS day, close.id INTO hit
    FROM new_rows spend JOIN "Programme" programme ON programme.id = spend."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(spend."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND spend."spentOn" BETWEEN close."startsOn" AND close."endsOn"
    ORDER BY spend."spentOn" LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('spentOn', hit.day, hit.id);
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT spend."spentOn" AS day, close.id INTO hit
    FROM old_rows spend JOIN "Programme" programme ON programme.id = spend."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(spend."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND spend."spentOn" BETWEEN close."startsOn" AND close."endsOn"
    ORDER BY spend."spentOn" LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('spentOn', hit.day, hit.id);
    END IF;
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "Spend_closed_period_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();
CREATE TRIGGER "Spend_closed_period_insert" AFTER INSERT ON public."Spend" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();
CREATE TRIGGER "Spend_closed_period_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();

-- ─── fundline_receipt_in_closed_period ───────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_receipt_in_closed_period()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  hit record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "PeriodClose" WHERE "reopenedAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT receipt."receivedOn" AS day, close.id INTO hit
    FROM new_rows receipt JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId"
    LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(receipt."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND receipt."receivedOn" BETWEEN close."startsOn" AND close."endsOn"
    ORDER BY receipt."receivedOn" LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('receivedOn', hit.day, hit.id);
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT receipt."receivedOn" AS day, close.id INTO hit
    FROM old_rows receipt JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId"
    LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(receipt."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND receipt."receivedOn" BETWEEN close."startsOn" AND close."endsOn"
    ORDER BY receipt."receivedOn" LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('receivedOn', hit.day, hit.id);
    END IF;
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "Receipt_closed_period_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();
CREATE TRIGGER "Receipt_closed_period_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();
CREATE TRIGGER "Receipt_closed_period_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();

-- ─── fundline_profile_in_closed_period ───────────────────────────────────────────────
-- A financial year's profile is inside a close that covers the whole year (1 April to 31 March).
CREATE OR REPLACE FUNCTION public.fundline_profile_in_closed_period()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  hit record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "PeriodClose" WHERE "reopenedAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT make_date(year."financialYear", 4, 1) AS day, close.id INTO hit
    FROM new_rows year JOIN "FundingCommitment" commitment ON commitment.id = year."commitmentId"
    LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(commitment."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND close."startsOn" <= make_date(year."financialYear", 4, 1)
     AND close."endsOn" >= make_date(year."financialYear" + 1, 3, 31)
    ORDER BY 1 LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('profile', hit.day, hit.id);
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT make_date(year."financialYear", 4, 1) AS day, close.id INTO hit
    FROM old_rows year JOIN "FundingCommitment" commitment ON commitment.id = year."commitmentId"
    LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId"
    JOIN "PeriodClose" close
      ON close."organisationId" = COALESCE(commitment."ownerOrganisationId", programme."leadOrganisationId")
     AND close."reopenedAt" IS NULL AND close."startsOn" <= make_date(year."financialYear", 4, 1)
     AND close."endsOn" >= make_date(year."financialYear" + 1, 3, 31)
    ORDER BY 1 LIMIT 1;
    IF FOUND THEN
      PERFORM fundline_refuse_closed_period('profile', hit.day, hit.id);
    END IF;
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "CommitmentYearProfile_closed_period_delete" AFTER DELETE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();
CREATE TRIGGER "CommitmentYearProfile_closed_period_insert" AFTER INSERT ON public."CommitmentYearProfile" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();
CREATE TRIGGER "CommitmentYearProfile_closed_period_update" AFTER UPDATE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();

-- ─── fundline_allocation_in_closed_period ────────────────────────────────────────────
-- An allocation is undated, but it shares out its line's payments not named to a commitment
-- (the attribution the reconciliation, the dashboard and claim packs use): making, changing the
-- amount, line or commitment of, or retiring one moves the figures of every period those
-- payments are dated in. So it is refused while one of them is in a period closed by the
-- payment's council. A change of its note alone moves nothing.
CREATE OR REPLACE FUNCTION public.fundline_allocation_in_closed_period()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  lines uuid[];
  hit record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "PeriodClose" WHERE "reopenedAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "costLineId") INTO lines FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "costLineId") INTO lines FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT line) INTO lines
    FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id
    CROSS JOIN LATERAL (VALUES (old_row."costLineId"), (new_row."costLineId")) AS changed(line)
    WHERE (old_row."amountPence", old_row."retiredAt", old_row."costLineId", old_row."commitmentId")
          IS DISTINCT FROM (new_row."amountPence", new_row."retiredAt", new_row."costLineId", new_row."commitmentId");
  END IF;
  IF lines IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT spend."spentOn" AS day, close.id INTO hit
  FROM "Spend" spend JOIN "Programme" programme ON programme.id = spend."programmeId"
  JOIN "PeriodClose" close
    ON close."organisationId" = COALESCE(spend."ownerOrganisationId", programme."leadOrganisationId")
   AND close."reopenedAt" IS NULL AND spend."spentOn" BETWEEN close."startsOn" AND close."endsOn"
  WHERE spend."costLineId" = ANY (lines) AND spend."commitmentId" IS NULL AND spend."retiredAt" IS NULL
  ORDER BY spend."spentOn" LIMIT 1;
  IF FOUND THEN
    PERFORM fundline_refuse_closed_period('allocation', hit.day, hit.id);
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "Allocation_closed_period_delete" AFTER DELETE ON public."Allocation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();
CREATE TRIGGER "Allocation_closed_period_insert" AFTER INSERT ON public."Allocation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();
CREATE TRIGGER "Allocation_closed_period_update" AFTER UPDATE ON public."Allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();
