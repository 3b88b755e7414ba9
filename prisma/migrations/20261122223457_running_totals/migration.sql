-- CreateTable
CREATE TABLE "CommitmentTotal" (
    "commitmentId" UUID NOT NULL,
    "amountPence" BIGINT NOT NULL DEFAULT 0,
    "allocatedPence" BIGINT NOT NULL DEFAULT 0,
    "receivedPence" BIGINT NOT NULL DEFAULT 0,
    "namedSpentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CommitmentTotal_pkey" PRIMARY KEY ("commitmentId")
);

-- CreateTable
CREATE TABLE "CostLineTotal" (
    "costLineId" UUID NOT NULL,
    "allocatedPence" BIGINT NOT NULL DEFAULT 0,
    "spentPence" BIGINT NOT NULL DEFAULT 0,
    "unnamedSpentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CostLineTotal_pkey" PRIMARY KEY ("costLineId")
);

-- CreateTable
CREATE TABLE "CostLineYearTotal" (
    "costLineId" UUID NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "spentPence" BIGINT NOT NULL DEFAULT 0,
    "unnamedSpentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CostLineYearTotal_pkey" PRIMARY KEY ("costLineId","financialYear")
);

-- CreateTable
CREATE TABLE "CommitmentYearTotal" (
    "commitmentId" UUID NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "namedSpentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CommitmentYearTotal_pkey" PRIMARY KEY ("commitmentId","financialYear")
);

-- CreateTable
CREATE TABLE "ProgrammeTotal" (
    "programmeId" UUID NOT NULL,
    "committedPence" BIGINT NOT NULL DEFAULT 0,
    "spentPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ProgrammeTotal_pkey" PRIMARY KEY ("programmeId")
);

-- CreateIndex
CREATE INDEX "Programme_endOn_idx" ON "Programme"("endOn");

-- ─── Running totals, kept by triggers ─────────────────────────────────────────
-- Statement-level AFTER triggers read each statement's changed rows (transition tables),
-- turn them into signed changes (+ the new live row, − the old live row) and add those to
-- the totals in the same transaction. A 200,000-row import is one statement and one pass;
-- an edit that moves no money nets to zero and touches no total. Totals rows are always
-- locked in the same order (commitment, line, programme; each sorted by id) so concurrent
-- writers queue rather than deadlock.

-- The financial year a date falls in, as its start year: 1 April starts the year.
CREATE FUNCTION fundline_financial_year(day date) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN extract(year FROM day - interval '3 months')::integer;

CREATE TYPE fundline_spend_change AS (programme uuid, cost_line uuid, commitment uuid, financial_year integer, pence bigint);
CREATE TYPE fundline_allocation_change AS (commitment uuid, cost_line uuid, pence bigint);
CREATE TYPE fundline_receipt_change AS (commitment uuid, pence bigint);
CREATE TYPE fundline_commitment_change AS (commitment uuid, programme uuid, amount bigint, committed bigint);

CREATE FUNCTION fundline_apply_spend_changes(changes fundline_spend_change[]) RETURNS void LANGUAGE sql AS $$
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
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "spentPence" = total."spentPence" + excluded."spentPence";
$$;

CREATE FUNCTION fundline_apply_allocation_changes(changes fundline_allocation_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "allocatedPence")
  SELECT commitment, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";

  INSERT INTO "CostLineTotal" AS total ("costLineId", "allocatedPence")
  SELECT cost_line, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("costLineId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";
$$;

CREATE FUNCTION fundline_apply_receipt_changes(changes fundline_receipt_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "receivedPence")
  SELECT commitment, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "receivedPence" = total."receivedPence" + excluded."receivedPence";
$$;

-- A commitment's own amount counts while it is live; it counts as committed to its programme
-- while it is also awarded or received.
CREATE FUNCTION fundline_apply_commitment_changes(changes fundline_commitment_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "amountPence")
  SELECT commitment, sum(amount) FROM unnest(changes)
  GROUP BY 1 HAVING sum(amount) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "amountPence" = total."amountPence" + excluded."amountPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "committedPence")
  SELECT programme, sum(committed) FROM unnest(changes) WHERE programme IS NOT NULL
  GROUP BY 1 HAVING sum(committed) <> 0 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "committedPence" = total."committedPence" + excluded."committedPence";
$$;

-- One trigger function per table; TG_OP says which transition tables this statement has
-- (PL/pgSQL plans each query on first use, so the branch not taken is never planned).
CREATE FUNCTION fundline_spend_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_spend_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), "amountPence")::fundline_spend_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -"amountPence")::fundline_spend_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_spend_changes(changes);
  RETURN NULL;
END $$;

CREATE FUNCTION fundline_allocation_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_allocation_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW("commitmentId", "costLineId", "amountPence")::fundline_allocation_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW("commitmentId", "costLineId", -"amountPence")::fundline_allocation_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_allocation_changes(changes);
  RETURN NULL;
END $$;

CREATE FUNCTION fundline_receipt_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_receipt_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW("commitmentId", "amountPence")::fundline_receipt_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW("commitmentId", -"amountPence")::fundline_receipt_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_receipt_changes(changes);
  RETURN NULL;
END $$;

CREATE FUNCTION fundline_commitment_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_commitment_change[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    changes := ARRAY(SELECT ROW(id, "programmeId", "amountPence",
                                CASE WHEN status IN ('awarded', 'received') THEN "amountPence" ELSE 0 END)::fundline_commitment_change
                     FROM new_rows WHERE "retiredAt" IS NULL);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    changes := changes || ARRAY(SELECT ROW(id, "programmeId", -"amountPence",
                                           CASE WHEN status IN ('awarded', 'received') THEN -"amountPence" ELSE 0 END)::fundline_commitment_change
                                FROM old_rows WHERE "retiredAt" IS NULL);
  END IF;
  PERFORM fundline_apply_commitment_changes(changes);
  RETURN NULL;
END $$;

CREATE TRIGGER "Spend_totals_insert" AFTER INSERT ON "Spend"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();
CREATE TRIGGER "Spend_totals_update" AFTER UPDATE ON "Spend"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();
CREATE TRIGGER "Spend_totals_delete" AFTER DELETE ON "Spend"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_spend_totals();

CREATE TRIGGER "Allocation_totals_insert" AFTER INSERT ON "Allocation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();
CREATE TRIGGER "Allocation_totals_update" AFTER UPDATE ON "Allocation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();
CREATE TRIGGER "Allocation_totals_delete" AFTER DELETE ON "Allocation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_totals();

CREATE TRIGGER "Receipt_totals_insert" AFTER INSERT ON "Receipt"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();
CREATE TRIGGER "Receipt_totals_update" AFTER UPDATE ON "Receipt"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();
CREATE TRIGGER "Receipt_totals_delete" AFTER DELETE ON "Receipt"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_receipt_totals();

CREATE TRIGGER "FundingCommitment_totals_insert" AFTER INSERT ON "FundingCommitment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();
CREATE TRIGGER "FundingCommitment_totals_update" AFTER UPDATE ON "FundingCommitment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();
CREATE TRIGGER "FundingCommitment_totals_delete" AFTER DELETE ON "FundingCommitment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_commitment_totals();

-- Totals are derived: emptying a table they add up would leave them wrong, so refuse it.
CREATE FUNCTION fundline_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps running totals: delete its rows instead of truncating', TG_TABLE_NAME;
END $$;
CREATE TRIGGER "Spend_no_truncate" BEFORE TRUNCATE ON "Spend" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "Allocation_no_truncate" BEFORE TRUNCATE ON "Allocation" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "Receipt_no_truncate" BEFORE TRUNCATE ON "Receipt" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();
CREATE TRIGGER "FundingCommitment_no_truncate" BEFORE TRUNCATE ON "FundingCommitment" FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate();

-- Only the rows a flag is raised for: the portfolio reads these instead of every total.
-- (Partial indexes: Prisma's schema cannot express them, so they live only here.)
CREATE INDEX "CommitmentTotal_over_allocated_idx" ON "CommitmentTotal" ("commitmentId")
  WHERE "allocatedPence" > "amountPence";
CREATE INDEX "CostLineTotal_overspent_idx" ON "CostLineTotal" ("costLineId")
  WHERE "spentPence" <> 0 AND ("allocatedPence" = 0 OR "spentPence" > "allocatedPence");

-- Totals for rows already there, through the same functions the triggers use.
SELECT fundline_apply_commitment_changes(ARRAY(
  SELECT ROW(id, "programmeId", "amountPence",
             CASE WHEN status IN ('awarded', 'received') THEN "amountPence" ELSE 0 END)::fundline_commitment_change
  FROM "FundingCommitment" WHERE "retiredAt" IS NULL));
SELECT fundline_apply_allocation_changes(ARRAY(
  SELECT ROW("commitmentId", "costLineId", "amountPence")::fundline_allocation_change
  FROM "Allocation" WHERE "retiredAt" IS NULL));
SELECT fundline_apply_receipt_changes(ARRAY(
  SELECT ROW("commitmentId", "amountPence")::fundline_receipt_change FROM "Receipt" WHERE "retiredAt" IS NULL));
SELECT fundline_apply_spend_changes(ARRAY(
  SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), "amountPence")::fundline_spend_change
  FROM "Spend" WHERE "retiredAt" IS NULL));
