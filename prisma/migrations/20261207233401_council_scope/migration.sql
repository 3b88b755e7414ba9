-- AlterTable
ALTER TABLE "ProgrammePartner" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "Workstream" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "FundingCommitment" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "CommitmentYearProfile" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "Allocation" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "CostSharingAgreement" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "CostShare" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "Spend" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "CommitmentTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "CostLineTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "CostLineYearTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "CommitmentYearTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeMonthTotal" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeTotal" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "CostSharingTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "CostSharingPaymentTotal" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "MilestoneChange" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "DeliverableTarget" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "Benefit" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "BenefitReading" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- AlterTable
ALTER TABLE "Risk" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeAssignment" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeFinding" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "AttributedSpend" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeYearFigure" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ProgrammeFunderFigure" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "councilId" UUID;

-- AlterTable
ALTER TABLE "FunderClaim" ADD COLUMN     "councilId" UUID,
ADD COLUMN     "programmeId" UUID;

-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_council_of_programme()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- A programme's record is its lead council's, whatever was written. With no programme, the
  -- column the trigger names (a commitment's recipient, a decision's organisation), if any.
  NEW."councilId" := coalesce(
    (SELECT programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = NEW."programmeId"),
    CASE WHEN TG_NARGS > 0 THEN (to_jsonb(NEW) ->> TG_ARGV[0])::uuid END);
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_commitment()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT commitment."programmeId", commitment."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "FundingCommitment" commitment WHERE commitment.id = NEW."commitmentId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_cost_line()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT line."programmeId", line."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "CostLine" line WHERE line.id = NEW."costLineId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_agreement()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT agreement."programmeId", agreement."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "CostSharingAgreement" agreement WHERE agreement.id = NEW."agreementId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_milestone()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT milestone."programmeId", milestone."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "Milestone" milestone WHERE milestone.id = NEW."milestoneId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_scope_of_benefit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT benefit."programmeId", benefit."councilId" INTO NEW."programmeId", NEW."councilId"
  FROM "Benefit" benefit WHERE benefit.id = NEW."benefitId";
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION public.fundline_pass_scope_down()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  child text;
BEGIN
  -- A record whose programme (so council) changed: its children follow. TG_ARGV[0] is their
  -- column naming it, the rest the child tables; each child's own trigger takes the new scope.
  FOREACH child IN ARRAY TG_ARGV[1:] LOOP
    EXECUTE format('UPDATE public.%I SET "programmeId" = $1, "councilId" = $2 WHERE %I = $3', child, TG_ARGV[0])
    USING NEW."programmeId", NEW."councilId", NEW.id;
  END LOOP;
  RETURN NULL;
END $function$;

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

CREATE TRIGGER "AttributedSpend_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."AttributedSpend" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "Benefit_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Benefit" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "CostLine_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."CostLine" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "CostSharingAgreement_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."CostSharingAgreement" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "DeliverableTarget_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."DeliverableTarget" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "Milestone_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Milestone" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeAssignment_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeAssignment" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeFinding_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeFinding" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeFunderFigure_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeFunderFigure" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeMonthTotal_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeMonthTotal" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammePartner_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammePartner" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeTotal_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeTotal" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ProgrammeYearFigure_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."ProgrammeYearFigure" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "Risk_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Risk" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "Spend_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Spend" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "Workstream_council" BEFORE INSERT OR UPDATE OF "programmeId", "councilId" ON public."Workstream" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "AuditEvent_council" BEFORE INSERT ON public."AuditEvent" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme();

CREATE TRIGGER "ChangeRequest_council" BEFORE INSERT OR UPDATE OF "programmeId", "organisationId", "councilId" ON public."ChangeRequest" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('organisationId');

CREATE TRIGGER "Decision_council" BEFORE INSERT OR UPDATE OF "programmeId", "organisationId", "councilId" ON public."Decision" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('organisationId');

CREATE TRIGGER "FundingCommitment_council" BEFORE INSERT OR UPDATE OF "programmeId", "recipientId", "councilId" ON public."FundingCommitment" FOR EACH ROW EXECUTE FUNCTION fundline_council_of_programme('recipientId');

CREATE TRIGGER "CommitmentYearProfile_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentYearProfile" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "Receipt_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."Receipt" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "Allocation_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."Allocation" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "CommitmentTotal_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "CommitmentYearTotal_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."CommitmentYearTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "FunderClaim_council" BEFORE INSERT OR UPDATE OF "commitmentId", "programmeId", "councilId" ON public."FunderClaim" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_commitment();

CREATE TRIGGER "FundingCommitment_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."FundingCommitment" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('commitmentId', 'CommitmentYearProfile', 'Receipt', 'Allocation', 'CommitmentTotal', 'CommitmentYearTotal', 'FunderClaim');

CREATE TRIGGER "CostLineTotal_council" BEFORE INSERT OR UPDATE OF "costLineId", "programmeId", "councilId" ON public."CostLineTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_cost_line();

CREATE TRIGGER "CostLineYearTotal_council" BEFORE INSERT OR UPDATE OF "costLineId", "programmeId", "councilId" ON public."CostLineYearTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_cost_line();

CREATE TRIGGER "CostLine_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."CostLine" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('costLineId', 'CostLineTotal', 'CostLineYearTotal');

CREATE TRIGGER "CostShare_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostShare" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();

CREATE TRIGGER "CostSharingTotal_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostSharingTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();

CREATE TRIGGER "CostSharingPaymentTotal_council" BEFORE INSERT OR UPDATE OF "agreementId", "programmeId", "councilId" ON public."CostSharingPaymentTotal" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_agreement();

CREATE TRIGGER "CostSharingAgreement_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."CostSharingAgreement" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('agreementId', 'CostShare', 'CostSharingTotal', 'CostSharingPaymentTotal');

CREATE TRIGGER "MilestoneChange_council" BEFORE INSERT OR UPDATE OF "milestoneId", "programmeId", "councilId" ON public."MilestoneChange" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_milestone();

CREATE TRIGGER "Milestone_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."Milestone" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('milestoneId', 'MilestoneChange');

CREATE TRIGGER "BenefitReading_council" BEFORE INSERT OR UPDATE OF "benefitId", "programmeId", "councilId" ON public."BenefitReading" FOR EACH ROW EXECUTE FUNCTION fundline_scope_of_benefit();

CREATE TRIGGER "Benefit_council_passed_down" AFTER UPDATE OF "programmeId", "councilId" ON public."Benefit" FOR EACH ROW WHEN (((old."programmeId" IS DISTINCT FROM new."programmeId") OR (old."councilId" IS DISTINCT FROM new."councilId"))) EXECUTE FUNCTION fundline_pass_scope_down('benefitId', 'BenefitReading');

-- Every existing row takes its council (and a child its parent's programme). The tables'
-- own triggers are off meanwhile: nothing else about the rows changes, so no row version,
-- closed period or kept total has anything to do.

ALTER TABLE "Workstream" DISABLE TRIGGER USER;
UPDATE "Workstream" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "Workstream" ENABLE TRIGGER USER;

ALTER TABLE "CostLine" DISABLE TRIGGER USER;
UPDATE "CostLine" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "CostLine" ENABLE TRIGGER USER;

ALTER TABLE "CostSharingAgreement" DISABLE TRIGGER USER;
UPDATE "CostSharingAgreement" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "CostSharingAgreement" ENABLE TRIGGER USER;

ALTER TABLE "Spend" DISABLE TRIGGER USER;
UPDATE "Spend" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "Spend" ENABLE TRIGGER USER;

ALTER TABLE "Milestone" DISABLE TRIGGER USER;
UPDATE "Milestone" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "Milestone" ENABLE TRIGGER USER;

ALTER TABLE "DeliverableTarget" DISABLE TRIGGER USER;
UPDATE "DeliverableTarget" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "DeliverableTarget" ENABLE TRIGGER USER;

ALTER TABLE "Benefit" DISABLE TRIGGER USER;
UPDATE "Benefit" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "Benefit" ENABLE TRIGGER USER;

ALTER TABLE "Risk" DISABLE TRIGGER USER;
UPDATE "Risk" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "Risk" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammePartner" DISABLE TRIGGER USER;
UPDATE "ProgrammePartner" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammePartner" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeMonthTotal" DISABLE TRIGGER USER;
UPDATE "ProgrammeMonthTotal" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeMonthTotal" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeTotal" DISABLE TRIGGER USER;
UPDATE "ProgrammeTotal" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeTotal" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeFinding" DISABLE TRIGGER USER;
UPDATE "ProgrammeFinding" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeFinding" ENABLE TRIGGER USER;

ALTER TABLE "AttributedSpend" DISABLE TRIGGER USER;
UPDATE "AttributedSpend" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "AttributedSpend" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeYearFigure" DISABLE TRIGGER USER;
UPDATE "ProgrammeYearFigure" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeYearFigure" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeFunderFigure" DISABLE TRIGGER USER;
UPDATE "ProgrammeFunderFigure" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeFunderFigure" ENABLE TRIGGER USER;

ALTER TABLE "ProgrammeAssignment" DISABLE TRIGGER USER;
UPDATE "ProgrammeAssignment" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "ProgrammeAssignment" ENABLE TRIGGER USER;

ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;
UPDATE "AuditEvent" target SET "councilId" = programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId";
ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;

ALTER TABLE "FundingCommitment" DISABLE TRIGGER USER;
UPDATE "FundingCommitment" target SET "councilId" = coalesce((SELECT programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId"), target."recipientId");
ALTER TABLE "FundingCommitment" ENABLE TRIGGER USER;

ALTER TABLE "Decision" DISABLE TRIGGER USER;
UPDATE "Decision" target SET "councilId" = coalesce((SELECT programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId"), target."organisationId");
ALTER TABLE "Decision" ENABLE TRIGGER USER;

ALTER TABLE "ChangeRequest" DISABLE TRIGGER USER;
UPDATE "ChangeRequest" target SET "councilId" = coalesce((SELECT programme."leadOrganisationId" FROM "Programme" programme WHERE programme.id = target."programmeId"), target."organisationId");
ALTER TABLE "ChangeRequest" ENABLE TRIGGER USER;

ALTER TABLE "CommitmentYearProfile" DISABLE TRIGGER USER;
UPDATE "CommitmentYearProfile" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "CommitmentYearProfile" ENABLE TRIGGER USER;

ALTER TABLE "Receipt" DISABLE TRIGGER USER;
UPDATE "Receipt" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "Receipt" ENABLE TRIGGER USER;

ALTER TABLE "Allocation" DISABLE TRIGGER USER;
UPDATE "Allocation" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "Allocation" ENABLE TRIGGER USER;

ALTER TABLE "CommitmentTotal" DISABLE TRIGGER USER;
UPDATE "CommitmentTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "CommitmentTotal" ENABLE TRIGGER USER;

ALTER TABLE "CommitmentYearTotal" DISABLE TRIGGER USER;
UPDATE "CommitmentYearTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "CommitmentYearTotal" ENABLE TRIGGER USER;

ALTER TABLE "FunderClaim" DISABLE TRIGGER USER;
UPDATE "FunderClaim" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "FundingCommitment" parent WHERE parent.id = target."commitmentId";
ALTER TABLE "FunderClaim" ENABLE TRIGGER USER;

ALTER TABLE "CostLineTotal" DISABLE TRIGGER USER;
UPDATE "CostLineTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "CostLine" parent WHERE parent.id = target."costLineId";
ALTER TABLE "CostLineTotal" ENABLE TRIGGER USER;

ALTER TABLE "CostLineYearTotal" DISABLE TRIGGER USER;
UPDATE "CostLineYearTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "CostLine" parent WHERE parent.id = target."costLineId";
ALTER TABLE "CostLineYearTotal" ENABLE TRIGGER USER;

ALTER TABLE "CostShare" DISABLE TRIGGER USER;
UPDATE "CostShare" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "CostSharingAgreement" parent WHERE parent.id = target."agreementId";
ALTER TABLE "CostShare" ENABLE TRIGGER USER;

ALTER TABLE "CostSharingTotal" DISABLE TRIGGER USER;
UPDATE "CostSharingTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "CostSharingAgreement" parent WHERE parent.id = target."agreementId";
ALTER TABLE "CostSharingTotal" ENABLE TRIGGER USER;

ALTER TABLE "CostSharingPaymentTotal" DISABLE TRIGGER USER;
UPDATE "CostSharingPaymentTotal" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "CostSharingAgreement" parent WHERE parent.id = target."agreementId";
ALTER TABLE "CostSharingPaymentTotal" ENABLE TRIGGER USER;

ALTER TABLE "MilestoneChange" DISABLE TRIGGER USER;
UPDATE "MilestoneChange" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "Milestone" parent WHERE parent.id = target."milestoneId";
ALTER TABLE "MilestoneChange" ENABLE TRIGGER USER;

ALTER TABLE "BenefitReading" DISABLE TRIGGER USER;
UPDATE "BenefitReading" target SET "programmeId" = parent."programmeId", "councilId" = parent."councilId" FROM "Benefit" parent WHERE parent.id = target."benefitId";
ALTER TABLE "BenefitReading" ENABLE TRIGGER USER;
