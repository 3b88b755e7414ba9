-- Fundline's plausible bounds (packages/domain/src/bounds.ts), held by the database too, so no
-- write path (a route, an import, a running-total trigger) can store what a read cannot show.
-- NOT VALID: enforced for every new or changed row; rows stored before are left as they are.

-- Running totals: at most £10,000,000,000.00 either way (MAX_TOTAL_PENCE). A write that would
-- pass it fails in its trigger with 23514 naming the constraint, which the API answers as 422.
ALTER TABLE "CommitmentTotal" ADD CONSTRAINT "CommitmentTotal_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CommitmentTotal" ADD CONSTRAINT "CommitmentTotal_allocatedPence_within_bounds" CHECK ("allocatedPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CommitmentTotal" ADD CONSTRAINT "CommitmentTotal_receivedPence_within_bounds" CHECK ("receivedPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CommitmentTotal" ADD CONSTRAINT "CommitmentTotal_namedSpentPence_within_bounds" CHECK ("namedSpentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostLineTotal" ADD CONSTRAINT "CostLineTotal_allocatedPence_within_bounds" CHECK ("allocatedPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostLineTotal" ADD CONSTRAINT "CostLineTotal_spentPence_within_bounds" CHECK ("spentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostLineTotal" ADD CONSTRAINT "CostLineTotal_unnamedSpentPence_within_bounds" CHECK ("unnamedSpentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostLineYearTotal" ADD CONSTRAINT "CostLineYearTotal_spentPence_within_bounds" CHECK ("spentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostLineYearTotal" ADD CONSTRAINT "CostLineYearTotal_unnamedSpentPence_within_bounds" CHECK ("unnamedSpentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CommitmentYearTotal" ADD CONSTRAINT "CommitmentYearTotal_namedSpentPence_within_bounds" CHECK ("namedSpentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "ProgrammeTotal" ADD CONSTRAINT "ProgrammeTotal_committedPence_within_bounds" CHECK ("committedPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "ProgrammeTotal" ADD CONSTRAINT "ProgrammeTotal_allocatedPence_within_bounds" CHECK ("allocatedPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "ProgrammeTotal" ADD CONSTRAINT "ProgrammeTotal_spentPence_within_bounds" CHECK ("spentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostSharingTotal" ADD CONSTRAINT "CostSharingTotal_spentPence_within_bounds" CHECK ("spentPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;
ALTER TABLE "CostSharingPaymentTotal" ADD CONSTRAINT "CostSharingPaymentTotal_paidPence_within_bounds" CHECK ("paidPence" BETWEEN -1000000000000 AND 1000000000000) NOT VALID;

-- Single amounts: at most £1,000,000,000.00 either way (MAX_AMOUNT_PENCE).
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_totalCostPence_within_bounds" CHECK ("totalCostPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "CommitmentYearProfile" ADD CONSTRAINT "CommitmentYearProfile_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_amountPence_within_bounds" CHECK ("amountPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_irrecoverableVatPence_within_bounds" CHECK ("irrecoverableVatPence" BETWEEN -100000000000 AND 100000000000) NOT VALID;

-- Dates: 1990-01-01 to 2100-12-31 (EARLIEST_DATE, LATEST_DATE).
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_startOn_within_bounds" CHECK ("startOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_endOn_within_bounds" CHECK ("endOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "ProgrammePartner" ADD CONSTRAINT "ProgrammePartner_joinedOn_within_bounds" CHECK ("joinedOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "ProgrammePartner" ADD CONSTRAINT "ProgrammePartner_withdrewOn_within_bounds" CHECK ("withdrewOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_decidedOn_within_bounds" CHECK ("decidedOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_publishedOn_within_bounds" CHECK ("publishedOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_awardedOn_within_bounds" CHECK ("awardedOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_receivedOn_within_bounds" CHECK ("receivedOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_effectiveFrom_within_bounds" CHECK ("effectiveFrom" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_effectiveTo_within_bounds" CHECK ("effectiveTo" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_spentOn_within_bounds" CHECK ("spentOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_baselineOn_within_bounds" CHECK ("baselineOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_forecastOn_within_bounds" CHECK ("forecastOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_actualOn_within_bounds" CHECK ("actualOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "DeliverableTarget" ADD CONSTRAINT "DeliverableTarget_dueOn_within_bounds" CHECK ("dueOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "Benefit" ADD CONSTRAINT "Benefit_expectedBy_within_bounds" CHECK ("expectedBy" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_readOn_within_bounds" CHECK ("readOn" BETWEEN DATE '1990-01-01' AND DATE '2100-12-31') NOT VALID;
