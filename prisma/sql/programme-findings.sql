-- Kept findings: each programme's reconciliation findings counted by kind (ProgrammeFinding),
-- counted again from the running totals when a transaction that changed the programme commits,
-- so the portfolio counts and pages its findings without working them out. The rules are
-- packages/domain's reconciliationFlags; portfolio.test.ts holds these counts equal to them.
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_spent_outside_programme_dates ───────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_spent_outside_programme_dates(spent_on date, start_on date, end_on date)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN ((spent_on < start_on) OR (spent_on > end_on));

-- ─── fundline_programme_findings ─────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_programme_findings(programmes uuid[])
 RETURNS SETOF "ProgrammeFinding"
 LANGUAGE sql
 STABLE
AS $function$
  WITH programme AS (
    SELECT programme.id, programme."totalCostPence" AS cost, programme."startOn", programme."endOn",
           coalesce(total."committedPence", 0) AS committed, programme."leadOrganisationId" AS council
    FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
    WHERE programme.id = ANY (programmes)
  ), commitment AS (
    SELECT commitment.id, commitment."programmeId", commitment."fundId", commitment."amountPence" AS amount,
           commitment.status IN ('awarded', 'received') AS awarded,
           coalesce(total."allocatedPence", 0) AS allocated, coalesce(total."receivedPence", 0) AS received,
           coalesce(total."namedSpentPence", 0) AS named
    FROM "FundingCommitment" commitment LEFT JOIN "CommitmentTotal" total ON total."commitmentId" = commitment.id
    WHERE commitment."programmeId" = ANY (programmes) AND commitment."retiredAt" IS NULL
  ), line AS (
    SELECT line.id, line."programmeId", line."retiredAt" IS NULL AS live,
           coalesce(total."allocatedPence", 0) AS allocated, coalesce(total."spentPence", 0) AS spent
    FROM "CostLine" line LEFT JOIN "CostLineTotal" total ON total."costLineId" = line.id
    WHERE line."programmeId" = ANY (programmes)
  ), attributed AS (
    -- Unnamed spend shared among a line's commitments by allocation, exact to the penny: kept
    -- (fundline_attributed_spend), and worked out again just before this at each commit.
    SELECT attributed."commitmentId", sum(attributed.pence) AS pence
    FROM "AttributedSpend" attributed WHERE attributed."programmeId" = ANY (programmes)
    GROUP BY 1
  ), commitment_counts AS (
    SELECT commitment."programmeId",
           count(*) FILTER (WHERE commitment.allocated > commitment.amount) AS over_allocated,
           count(*) FILTER (WHERE commitment.received > commitment.amount) AS received_more,
           count(*) FILTER (WHERE commitment.awarded
                              AND commitment.named + coalesce(attributed.pence, 0) < commitment.amount) AS unspent
    FROM commitment LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
    GROUP BY 1
  ), line_counts AS (
    SELECT "programmeId",
           count(*) FILTER (WHERE allocated = 0 AND spent <> 0) AS without_allocation,
           count(*) FILTER (WHERE allocated <> 0 AND spent > allocated) AS overspent
    FROM line WHERE live GROUP BY 1
  ), large_payments AS (
    -- At most 1,000 a programme, as many as its reconciliation lists (largePayments). Each
    -- overspent line's are read by range on its (cost line, amount) index, never by reading
    -- every payment: a join let the planner scan all of Spend when many programmes are counted.
    SELECT line."programmeId", least(sum(large.payments), 1000) AS payments
    FROM line CROSS JOIN LATERAL (
      SELECT count(*) AS payments FROM (
        SELECT 1 FROM "Spend" spend
        WHERE spend."costLineId" = line.id AND spend."amountPence" > line.allocated AND spend."retiredAt" IS NULL
        LIMIT 1000
      ) each_payment
    ) large
    WHERE line.live AND line.allocated > 0 AND line.spent > line.allocated
    GROUP BY 1
  ), agreement_total AS (
    SELECT agreement.id AS "agreementId", agreement."programmeId", coalesce(kept."spentPence", 0) AS pence
    FROM "CostSharingAgreement" agreement LEFT JOIN "CostSharingTotal" kept ON kept."agreementId" = agreement.id
    WHERE agreement."programmeId" = ANY (programmes) AND agreement."retiredAt" IS NULL
  ), partner_share AS (
    -- Each partner's due share, split by parts exact to the penny as costSharingFigures does.
    SELECT share."agreementId", total."programmeId", share."organisationId", sign(total.pence) AS sign,
           abs(total.pence) AS whole,
           floor(abs(total.pence)::numeric * share.parts / sum(share.parts) OVER w)::bigint AS base,
           (abs(total.pence)::numeric * share.parts) % sum(share.parts) OVER w AS remainder
    FROM "CostShare" share JOIN agreement_total total USING ("agreementId")
    WINDOW w AS (PARTITION BY share."agreementId")
  ), partner_ranked AS (
    SELECT *, row_number() OVER (PARTITION BY "agreementId" ORDER BY remainder DESC, "organisationId") AS place,
           whole - sum(base) OVER (PARTITION BY "agreementId") AS pennies_left
    FROM partner_share
  ), partners_behind AS (
    SELECT ranked."programmeId", count(*) AS partners
    FROM partner_ranked ranked
    LEFT JOIN "CostSharingPaymentTotal" paid
      ON paid."agreementId" = ranked."agreementId" AND paid."organisationId" = ranked."organisationId"
    WHERE coalesce(paid."paidPence", 0)
          < ranked.sign * (ranked.base + CASE WHEN ranked.place <= ranked.pennies_left THEN 1 ELSE 0 END)
    GROUP BY 1
  ), capital_year AS (
    -- Spend an awarded capital commitment pays for (by name, or unnamed on a line it is
    -- allocated to) in a financial year its profile does not cover, as capitalOutsideYear.
    SELECT capital."programmeId", capital.id, funded."financialYear"
    FROM commitment capital JOIN "Fund" fund ON fund.id = capital."fundId"
    CROSS JOIN LATERAL (
      SELECT year."financialYear", year."namedSpentPence" AS pence
      FROM "CommitmentYearTotal" year WHERE year."commitmentId" = capital.id
      UNION ALL
      SELECT year."financialYear", year."unnamedSpentPence"
      FROM (SELECT DISTINCT "costLineId" FROM "Allocation" WHERE "commitmentId" = capital.id AND "retiredAt" IS NULL) line
      JOIN "CostLineYearTotal" year ON year."costLineId" = line."costLineId"
    ) funded
    WHERE fund."fundType" = 'capital' AND capital.awarded
      AND NOT EXISTS (SELECT 1 FROM "CommitmentYearProfile" profile
                      WHERE profile."commitmentId" = capital.id AND profile."financialYear" = funded."financialYear")
    GROUP BY 1, 2, 3
    HAVING sum(funded.pence) <> 0
  ), capital_by_year AS (
    SELECT "programmeId", jsonb_object_agg("financialYear"::text, commitments) AS years
    FROM (SELECT "programmeId", "financialYear", count(*) AS commitments FROM capital_year GROUP BY 1, 2) counted
    GROUP BY 1
  )
  SELECT programme.id,
         (programme.cost IS NOT NULL AND programme.committed < programme.cost)::int,
         coalesce(commitment_counts.over_allocated, 0)::int,
         coalesce(commitment_counts.received_more, 0)::int,
         coalesce(line_counts.without_allocation, 0)::int,
         coalesce(line_counts.overspent, 0)::int,
         coalesce(partners_behind.partners, 0)::int,
         coalesce(capital_by_year.years, '{}'::jsonb),
         -- The rule is inlined, and counted (not EXISTS, which the planner reads as a scan of
         -- the table), so this reads two index ranges: before the start, after the end.
         ((SELECT count(*) FROM "Spend" spend
           WHERE spend."programmeId" = programme.id AND spend."retiredAt" IS NULL
             AND fundline_spent_outside_programme_dates(spend."spentOn", programme."startOn", programme."endOn")) > 0)::int,
         coalesce(large_payments.payments, 0)::int,
         coalesce(commitment_counts.unspent, 0)::int,
         programme.council
  FROM programme
  LEFT JOIN commitment_counts ON commitment_counts."programmeId" = programme.id
  LEFT JOIN line_counts ON line_counts."programmeId" = programme.id
  LEFT JOIN large_payments ON large_payments."programmeId" = programme.id
  LEFT JOIN partners_behind ON partners_behind."programmeId" = programme.id
  LEFT JOIN capital_by_year ON capital_by_year."programmeId" = programme.id;
$function$;

-- ─── fundline_keep_programme_findings ────────────────────────────────────────────────
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

  -- Each commitment's share of its lines' unnamed spend again; the findings below count unspent
  -- commitments from these shares. Only rows that differ are written (an import touching
  -- thousands of programmes changes few of their shares).
  WITH shares AS MATERIALIZED (
    SELECT * FROM fundline_attributed_spend(programmes)
  ), written AS (
    INSERT INTO "AttributedSpend" AS kept ("programmeId", "commitmentId", pence)
    SELECT * FROM shares ORDER BY 1, 2
    ON CONFLICT ("programmeId", "commitmentId") DO UPDATE SET pence = excluded.pence
    WHERE kept.pence <> excluded.pence
  )
  DELETE FROM "AttributedSpend" kept
  WHERE kept."programmeId" = ANY (programmes) AND NOT EXISTS (
    SELECT 1 FROM shares WHERE shares."programmeId" = kept."programmeId" AND shares."commitmentId" = kept."commitmentId");
  -- And from those shares and the running totals, each year's and each funder's figures.
  WITH fresh AS MATERIALIZED (
    SELECT * FROM fundline_programme_year_figures(programmes)
  ), written AS (
    INSERT INTO "ProgrammeYearFigure" AS kept ("programmeId", "financialYear", "profiledPence", profiled, "spentPence")
    SELECT * FROM fresh ORDER BY 1, 2
    ON CONFLICT ("programmeId", "financialYear") DO UPDATE SET
      "profiledPence" = excluded."profiledPence", profiled = excluded.profiled, "spentPence" = excluded."spentPence"
    WHERE (kept.*) IS DISTINCT FROM (excluded.*)
  )
  DELETE FROM "ProgrammeYearFigure" kept
  WHERE kept."programmeId" = ANY (programmes) AND NOT EXISTS (
    SELECT 1 FROM fresh WHERE fresh."programmeId" = kept."programmeId" AND fresh."financialYear" = kept."financialYear");
  WITH fresh AS MATERIALIZED (
    SELECT * FROM fundline_programme_funder_figures(programmes)
  ), written AS (
    INSERT INTO "ProgrammeFunderFigure" AS kept ("programmeId", "funderId", "committedPence", "receivedPence", "allocatedPence", "spentPence")
    SELECT * FROM fresh ORDER BY 1, 2
    ON CONFLICT ("programmeId", "funderId") DO UPDATE SET
      "committedPence" = excluded."committedPence", "receivedPence" = excluded."receivedPence",
      "allocatedPence" = excluded."allocatedPence", "spentPence" = excluded."spentPence"
    WHERE (kept.*) IS DISTINCT FROM (excluded.*)
  )
  DELETE FROM "ProgrammeFunderFigure" kept
  WHERE kept."programmeId" = ANY (programmes) AND NOT EXISTS (
    SELECT 1 FROM fresh WHERE fresh."programmeId" = kept."programmeId" AND fresh."funderId" = kept."funderId");

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

CREATE CONSTRAINT TRIGGER "ReconciliationChange_keep_programme_findings" AFTER INSERT ON public."ReconciliationChange" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fundline_keep_programme_findings();
