-- CreateTable
CREATE TABLE "CostSharingTotal" (
    "agreementId" UUID NOT NULL,
    "spentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CostSharingTotal_pkey" PRIMARY KEY ("agreementId")
);

-- CreateTable
CREATE TABLE "CostSharingPaymentTotal" (
    "agreementId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "paidPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CostSharingPaymentTotal_pkey" PRIMARY KEY ("agreementId","organisationId")
);

-- ─── Cost-sharing totals, kept by triggers ─────────────────────────────────────
-- What an agreement covers depends on the agreement (its line and dates) as well as on the
-- spend, so two writers must not miss each other's work: a spend statement locks the totals of
-- every programme it touches (below, as part of its programme totals) before reading the
-- agreements, and an agreement change takes the same locks before re-adding its spend. Each
-- reads in a statement of its own, so whichever waited sees the other's committed change.

CREATE TYPE fundline_covered_change AS (programme uuid, cost_line uuid, spent_on date, payer uuid, pence bigint);

CREATE FUNCTION fundline_apply_covered_spend_changes(changes fundline_covered_change[]) RETURNS void LANGUAGE sql AS $$
  WITH covered AS (
    SELECT agreement.id AS agreement, change.payer, sum(change.pence) AS pence
    FROM unnest(changes) change
    JOIN "CostSharingAgreement" agreement ON agreement."programmeId" = change.programme
     AND (agreement."costLineId" IS NULL OR agreement."costLineId" = change.cost_line)
     AND change.spent_on BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date)
                             AND coalesce(agreement."effectiveTo", 'infinity'::date)
    GROUP BY 1, 2
  ), spent AS (
    INSERT INTO "CostSharingTotal" AS total ("agreementId", "spentPence")
    SELECT agreement, sum(pence) FROM covered GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
    ON CONFLICT ("agreementId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence"
  )
  INSERT INTO "CostSharingPaymentTotal" AS total ("agreementId", "organisationId", "paidPence")
  SELECT agreement, payer, pence FROM covered WHERE payer IS NOT NULL AND pence <> 0 ORDER BY 1, 2
  ON CONFLICT ("agreementId", "organisationId") DO UPDATE SET "paidPence" = total."paidPence" + excluded."paidPence";
$$;

-- The programme totals now take every programme a statement touches, even when its money nets
-- to zero (a payment moved to another day, or to another payer): that lock is what orders
-- spend writers against agreement changes. The other totals still skip what nets to zero.
CREATE OR REPLACE FUNCTION fundline_apply_spend_changes(changes fundline_spend_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "namedSpentPence")
  SELECT commitment, sum(pence) FROM unnest(changes) WHERE commitment IS NOT NULL
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "namedSpentPence" = total."namedSpentPence" + excluded."namedSpentPence";

  INSERT INTO "CommitmentYearTotal" AS total ("commitmentId", "financialYear", "namedSpentPence")
  SELECT commitment, financial_year, sum(pence) FROM unnest(changes) WHERE commitment IS NOT NULL
  GROUP BY 1, 2 HAVING sum(pence) <> 0 ORDER BY 1, 2
  ON CONFLICT ("commitmentId", "financialYear")
  DO UPDATE SET "namedSpentPence" = total."namedSpentPence" + excluded."namedSpentPence";

  INSERT INTO "CostLineTotal" AS total ("costLineId", "spentPence", "unnamedSpentPence")
  SELECT cost_line, sum(pence), coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 OR coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) <> 0 ORDER BY 1
  ON CONFLICT ("costLineId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence",
    "unnamedSpentPence" = total."unnamedSpentPence" + excluded."unnamedSpentPence";

  INSERT INTO "CostLineYearTotal" AS total ("costLineId", "financialYear", "spentPence", "unnamedSpentPence")
  SELECT cost_line, financial_year, sum(pence), coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0)
  FROM unnest(changes)
  GROUP BY 1, 2 HAVING sum(pence) <> 0 OR coalesce(sum(pence) FILTER (WHERE commitment IS NULL), 0) <> 0 ORDER BY 1, 2
  ON CONFLICT ("costLineId", "financialYear") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence",
    "unnamedSpentPence" = total."unnamedSpentPence" + excluded."unnamedSpentPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "spentPence")
  SELECT programme, sum(pence) FROM unnest(changes)
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence";
$$;

CREATE OR REPLACE FUNCTION fundline_spend_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_spend_change[];
  covered fundline_covered_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), sum("amountPence"))::fundline_spend_change
      FROM new_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"));
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -sum("amountPence"))::fundline_spend_change
      FROM old_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"));
  ELSE
    -- Groups that net to zero stay in: their programme must still be locked (see above).
    changes := ARRAY(
      SELECT ROW(programme, cost_line, commitment, financial_year, sum(pence))::fundline_spend_change
      FROM (
        SELECT "programmeId" AS programme, "costLineId" AS cost_line, "commitmentId" AS commitment,
               fundline_financial_year("spentOn") AS financial_year, "amountPence" AS pence
        FROM new_rows WHERE "retiredAt" IS NULL
        UNION ALL
        SELECT "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -"amountPence"
        FROM old_rows WHERE "retiredAt" IS NULL
      ) change
      GROUP BY programme, cost_line, commitment, financial_year);
  END IF;
  PERFORM fundline_apply_spend_changes(changes);

  -- Now that the programmes are locked, statements of their own read the agreements as
  -- committed now; only spend in a programme with an agreement can be covered.
  IF TG_OP <> 'DELETE' THEN
    covered := ARRAY(
      SELECT ROW("programmeId", "costLineId", "spentOn", "payingOrganisationId", "amountPence")::fundline_covered_change
      FROM new_rows WHERE "retiredAt" IS NULL
        AND EXISTS (SELECT 1 FROM "CostSharingAgreement" agreement WHERE agreement."programmeId" = new_rows."programmeId"));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    covered := coalesce(covered, '{}') || ARRAY(
      SELECT ROW("programmeId", "costLineId", "spentOn", "payingOrganisationId", -"amountPence")::fundline_covered_change
      FROM old_rows WHERE "retiredAt" IS NULL
        AND EXISTS (SELECT 1 FROM "CostSharingAgreement" agreement WHERE agreement."programmeId" = old_rows."programmeId"));
  END IF;
  IF cardinality(covered) > 0 THEN
    PERFORM fundline_apply_covered_spend_changes(covered);
  END IF;
  RETURN NULL;
END $$;

-- An agreement that is new, deleted, or now covers another line, programme or dates has its
-- totals added up again from the spend; other edits (its name, its retirement) leave them.
CREATE FUNCTION fundline_cost_sharing_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  agreements uuid[];
  programmes uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id), array_agg(DISTINCT "programmeId") INTO agreements, programmes FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(id), array_agg(DISTINCT "programmeId") INTO agreements, programmes FROM old_rows;
  ELSE
    SELECT array_agg(new_rows.id), array_agg(DISTINCT programme) INTO agreements, programmes
    FROM new_rows JOIN old_rows USING (id)
    CROSS JOIN LATERAL (VALUES (new_rows."programmeId"), (old_rows."programmeId")) moved (programme)
    WHERE (new_rows."programmeId", new_rows."costLineId", new_rows."effectiveFrom", new_rows."effectiveTo")
          IS DISTINCT FROM (old_rows."programmeId", old_rows."costLineId", old_rows."effectiveFrom", old_rows."effectiveTo");
  END IF;
  IF agreements IS NULL THEN
    RETURN NULL;
  END IF;
  -- The same lock a spend statement on these programmes takes (a no-op update if present).
  INSERT INTO "ProgrammeTotal" AS total ("programmeId")
  SELECT programme FROM unnest(programmes) programme ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "spentPence" = total."spentPence";

  DELETE FROM "CostSharingTotal" WHERE "agreementId" = ANY (agreements);
  DELETE FROM "CostSharingPaymentTotal" WHERE "agreementId" = ANY (agreements);
  IF TG_OP <> 'DELETE' THEN
    PERFORM fundline_add_up_cost_sharing(agreements);
  END IF;
  RETURN NULL;
END $$;

-- These agreements' totals from the live spend they cover (the totals must be absent).
CREATE FUNCTION fundline_add_up_cost_sharing(agreements uuid[]) RETURNS void LANGUAGE sql AS $$
  WITH covered AS (
    SELECT agreement.id AS agreement, spend."payingOrganisationId" AS payer, sum(spend."amountPence") AS pence
    FROM "CostSharingAgreement" agreement
    JOIN "Spend" spend ON spend."programmeId" = agreement."programmeId"
     AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
     AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date)
                             AND coalesce(agreement."effectiveTo", 'infinity'::date)
    WHERE agreement.id = ANY (agreements) AND spend."retiredAt" IS NULL
    GROUP BY 1, 2
  ), spent AS (
    INSERT INTO "CostSharingTotal" ("agreementId", "spentPence")
    SELECT agreement, sum(pence) FROM covered GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  )
  INSERT INTO "CostSharingPaymentTotal" ("agreementId", "organisationId", "paidPence")
  SELECT agreement, payer, pence FROM covered WHERE payer IS NOT NULL AND pence <> 0 ORDER BY 1, 2;
$$;

CREATE TRIGGER "CostSharingAgreement_totals_insert" AFTER INSERT ON "CostSharingAgreement"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
CREATE TRIGGER "CostSharingAgreement_totals_update" AFTER UPDATE ON "CostSharingAgreement"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
CREATE TRIGGER "CostSharingAgreement_totals_delete" AFTER DELETE ON "CostSharingAgreement"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_cost_sharing_totals();
CREATE TRIGGER "CostSharingAgreement_no_truncate" BEFORE TRUNCATE ON "CostSharingAgreement"
  FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();

-- Totals for the agreements already there.
SELECT fundline_add_up_cost_sharing(ARRAY(SELECT id FROM "CostSharingAgreement"));
