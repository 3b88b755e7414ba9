-- CreateTable
CREATE TABLE "PeriodClose" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "closedById" UUID,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reopenRequestedById" UUID,
    "reopenRequestedAt" TIMESTAMPTZ(3),
    "reopenReason" TEXT,
    "reopenedById" UUID,
    "reopenedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PeriodClose_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PeriodClose_organisationId_startsOn_idx" ON "PeriodClose"("organisationId", "startsOn");

-- AddForeignKey
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_reopenRequestedById_fkey" FOREIGN KEY ("reopenRequestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_reopenedById_fkey" FOREIGN KEY ("reopenedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- From prisma/sql/
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

CREATE TRIGGER "Spend_closed_period_delete" AFTER DELETE ON public."Spend" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();

CREATE TRIGGER "Spend_closed_period_insert" AFTER INSERT ON public."Spend" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();

CREATE TRIGGER "Spend_closed_period_update" AFTER UPDATE ON public."Spend" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_in_closed_period();

CREATE TRIGGER "Receipt_closed_period_delete" AFTER DELETE ON public."Receipt" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();

CREATE TRIGGER "Receipt_closed_period_insert" AFTER INSERT ON public."Receipt" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();

CREATE TRIGGER "Receipt_closed_period_update" AFTER UPDATE ON public."Receipt" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_in_closed_period();

CREATE TRIGGER "CommitmentYearProfile_closed_period_delete" AFTER DELETE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();

CREATE TRIGGER "CommitmentYearProfile_closed_period_insert" AFTER INSERT ON public."CommitmentYearProfile" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();

CREATE TRIGGER "CommitmentYearProfile_closed_period_update" AFTER UPDATE ON public."CommitmentYearProfile" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_profile_in_closed_period();

-- A close is of a month or a financial year, and ends on or after the day it starts.
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_kind_known" CHECK (kind IN ('month', 'year'));
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_span" CHECK ("startsOn" <= "endsOn");

-- An import sets aside a row dated in a closed period, and keeps it as such.
ALTER TABLE "ImportSetAsideRow" DROP CONSTRAINT "ImportSetAsideRow_kind_known";
ALTER TABLE "ImportSetAsideRow" ADD CONSTRAINT "ImportSetAsideRow_kind_known"
  CHECK (kind IN ('field', 'costLine', 'closedPeriod', 'duplicate', 'unmatched'));
