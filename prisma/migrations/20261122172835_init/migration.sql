-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('council', 'funder', 'supplier', 'evaluator');

-- CreateEnum
CREATE TYPE "FundType" AS ENUM ('capital', 'revenue');

-- CreateEnum
CREATE TYPE "ProgrammeStatus" AS ENUM ('proposed', 'bid_submitted', 'approved', 'unsuccessful', 'active', 'closed');

-- CreateEnum
CREATE TYPE "GovernanceStage" AS ENUM ('formulation', 'due_diligence', 'implementation');

-- CreateEnum
CREATE TYPE "PartnerRole" AS ENUM ('lead', 'partner', 'delivery_partner', 'supplier', 'evaluator');

-- CreateEnum
CREATE TYPE "DecisionType" AS ENUM ('key', 'non_key');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('applied', 'awarded', 'unsuccessful', 'withdrawn', 'received');

-- CreateEnum
CREATE TYPE "SpendSource" AS ENUM ('manual', 'import');

-- CreateEnum
CREATE TYPE "ImportBatchStatus" AS ENUM ('committed', 'reversed');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('not_started', 'on_track', 'at_risk', 'delayed', 'met', 'cancelled');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('day', 'month', 'season', 'quarter', 'year');

-- CreateEnum
CREATE TYPE "BenefitType" AS ENUM ('direct', 'indirect');

-- CreateEnum
CREATE TYPE "BenefitDirection" AS ENUM ('increase', 'decrease', 'achieve');

-- CreateEnum
CREATE TYPE "RiskStatus" AS ENUM ('open', 'mitigating', 'closed');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('administrator', 'finance_officer', 'programme_manager', 'viewer');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('create', 'update', 'retire', 'reinstate', 'import', 'reverse');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "identifier" TEXT,
    "kinds" "OrganisationKind"[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fund" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "funderId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fundType" "FundType" NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "summary" TEXT,
    "leadOrganisationId" UUID NOT NULL,
    "status" "ProgrammeStatus" NOT NULL,
    "governanceStage" "GovernanceStage",
    "startOn" DATE,
    "endOn" DATE,
    "totalCostPence" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammePartner" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" "PartnerRole" NOT NULL,
    "joinedOn" DATE,
    "withdrewOn" DATE,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammePartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workstream" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Workstream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "workstreamId" UUID,
    "name" TEXT NOT NULL,
    "ledgerCode" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "CostLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisationId" UUID NOT NULL,
    "programmeId" UUID,
    "reference" TEXT,
    "title" TEXT NOT NULL,
    "decisionType" "DecisionType" NOT NULL,
    "decisionMaker" TEXT NOT NULL,
    "decidedOn" DATE,
    "publishedOn" DATE,
    "status" TEXT NOT NULL,
    "amountPence" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingCommitment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "fundId" UUID NOT NULL,
    "programmeId" UUID,
    "recipientId" UUID,
    "decisionId" UUID,
    "title" TEXT NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "awardedOn" DATE,
    "conditions" TEXT,
    "externalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredById" UUID,
    "retirementReason" TEXT,

    CONSTRAINT "FundingCommitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentYearProfile" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "commitmentId" UUID NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "amountPence" BIGINT NOT NULL,

    CONSTRAINT "CommitmentYearProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Receipt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "commitmentId" UUID NOT NULL,
    "receivedOn" DATE NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "reference" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredById" UUID,
    "retirementReason" TEXT,

    CONSTRAINT "Receipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "commitmentId" UUID NOT NULL,
    "costLineId" UUID NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredById" UUID,
    "retirementReason" TEXT,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostSharingAgreement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "costLineId" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "effectiveFrom" DATE,
    "effectiveTo" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "CostSharingAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostShare" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agreementId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "parts" INTEGER NOT NULL,

    CONSTRAINT "CostShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Spend" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "costLineId" UUID NOT NULL,
    "commitmentId" UUID,
    "spentOn" DATE NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "irrecoverableVatPence" BIGINT NOT NULL DEFAULT 0,
    "supplierName" TEXT NOT NULL,
    "supplierId" UUID,
    "paidToIndividual" BOOLEAN NOT NULL DEFAULT false,
    "department" TEXT,
    "purpose" TEXT,
    "merchantCategory" TEXT,
    "reference" TEXT,
    "payingOrganisationId" UUID,
    "source" "SpendSource" NOT NULL DEFAULT 'manual',
    "importBatchId" UUID,
    "ledgerRowKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredById" UUID,
    "retirementReason" TEXT,

    CONSTRAINT "Spend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sourceName" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "totalPence" BIGINT NOT NULL,
    "status" "ImportBatchStatus" NOT NULL DEFAULT 'committed',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversedAt" TIMESTAMPTZ(3),
    "reversedById" UUID,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportColumnMapping" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sourceName" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportColumnMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "workstreamId" UUID,
    "description" TEXT NOT NULL,
    "output" TEXT,
    "ownerName" TEXT,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'not_started',
    "evidence" TEXT,
    "baselineOn" DATE NOT NULL,
    "baselinePrecision" "DatePrecision" NOT NULL DEFAULT 'day',
    "baselineLabel" TEXT,
    "forecastOn" DATE,
    "forecastPrecision" "DatePrecision",
    "forecastLabel" TEXT,
    "actualOn" DATE,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "milestoneId" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedById" UUID,
    "statusBefore" "MilestoneStatus",
    "statusAfter" "MilestoneStatus",
    "forecastBefore" DATE,
    "forecastAfter" DATE,
    "actualBefore" DATE,
    "actualAfter" DATE,
    "note" TEXT,

    CONSTRAINT "MilestoneChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliverableTarget" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "workstreamId" UUID,
    "description" TEXT NOT NULL,
    "targetCount" INTEGER NOT NULL,
    "achievedCount" INTEGER NOT NULL DEFAULT 0,
    "atLeast" BOOLEAN NOT NULL DEFAULT false,
    "dueOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "DeliverableTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Benefit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "workstreamId" UUID,
    "name" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "benefitType" "BenefitType" NOT NULL,
    "direction" "BenefitDirection" NOT NULL,
    "unit" TEXT NOT NULL,
    "baselineValue" DECIMAL(18,4),
    "targetValue" DECIMAL(18,4),
    "targetText" TEXT,
    "expectedBy" DATE,
    "expectedByPrecision" "DatePrecision",
    "expectedByLabel" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Benefit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitReading" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "benefitId" UUID NOT NULL,
    "readOn" DATE NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "implication" TEXT,
    "mitigation" TEXT,
    "ownerName" TEXT,
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "status" "RiskStatus" NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" "UserRole" NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "changes" JSONB NOT NULL,
    "reason" TEXT,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_identifier_key" ON "Organisation"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Fund_funderId_name_key" ON "Fund"("funderId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_name_key" ON "Programme"("name");

-- CreateIndex
CREATE INDEX "Programme_leadOrganisationId_idx" ON "Programme"("leadOrganisationId");

-- CreateIndex
CREATE INDEX "Programme_status_idx" ON "Programme"("status");

-- CreateIndex
CREATE INDEX "ProgrammePartner_organisationId_idx" ON "ProgrammePartner"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammePartner_programmeId_organisationId_role_key" ON "ProgrammePartner"("programmeId", "organisationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Workstream_programmeId_name_key" ON "Workstream"("programmeId", "name");

-- CreateIndex
CREATE INDEX "CostLine_workstreamId_idx" ON "CostLine"("workstreamId");

-- CreateIndex
CREATE UNIQUE INDEX "CostLine_programmeId_name_key" ON "CostLine"("programmeId", "name");

-- CreateIndex
CREATE INDEX "Decision_programmeId_idx" ON "Decision"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_organisationId_reference_key" ON "Decision"("organisationId", "reference");

-- CreateIndex
CREATE INDEX "FundingCommitment_programmeId_status_idx" ON "FundingCommitment"("programmeId", "status");

-- CreateIndex
CREATE INDEX "FundingCommitment_decisionId_idx" ON "FundingCommitment"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "FundingCommitment_fundId_externalId_key" ON "FundingCommitment"("fundId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentYearProfile_commitmentId_financialYear_key" ON "CommitmentYearProfile"("commitmentId", "financialYear");

-- CreateIndex
CREATE INDEX "Receipt_commitmentId_idx" ON "Receipt"("commitmentId");

-- CreateIndex
CREATE INDEX "Allocation_commitmentId_idx" ON "Allocation"("commitmentId");

-- CreateIndex
CREATE INDEX "Allocation_costLineId_idx" ON "Allocation"("costLineId");

-- CreateIndex
CREATE INDEX "CostSharingAgreement_costLineId_idx" ON "CostSharingAgreement"("costLineId");

-- CreateIndex
CREATE UNIQUE INDEX "CostSharingAgreement_programmeId_name_key" ON "CostSharingAgreement"("programmeId", "name");

-- CreateIndex
CREATE INDEX "CostShare_organisationId_idx" ON "CostShare"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "CostShare_agreementId_organisationId_key" ON "CostShare"("agreementId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Spend_ledgerRowKey_key" ON "Spend"("ledgerRowKey");

-- CreateIndex
CREATE INDEX "Spend_programmeId_spentOn_idx" ON "Spend"("programmeId", "spentOn");

-- CreateIndex
CREATE INDEX "Spend_costLineId_spentOn_idx" ON "Spend"("costLineId", "spentOn");

-- CreateIndex
CREATE INDEX "Spend_commitmentId_idx" ON "Spend"("commitmentId");

-- CreateIndex
CREATE INDEX "Spend_importBatchId_idx" ON "Spend"("importBatchId");

-- CreateIndex
CREATE INDEX "Spend_payingOrganisationId_idx" ON "Spend"("payingOrganisationId");

-- CreateIndex
CREATE INDEX "ImportBatch_sourceName_createdAt_idx" ON "ImportBatch"("sourceName", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportColumnMapping_sourceName_key" ON "ImportColumnMapping"("sourceName");

-- CreateIndex
CREATE INDEX "Milestone_programmeId_status_idx" ON "Milestone"("programmeId", "status");

-- CreateIndex
CREATE INDEX "Milestone_workstreamId_idx" ON "Milestone"("workstreamId");

-- CreateIndex
CREATE INDEX "MilestoneChange_milestoneId_changedAt_idx" ON "MilestoneChange"("milestoneId", "changedAt");

-- CreateIndex
CREATE INDEX "DeliverableTarget_programmeId_idx" ON "DeliverableTarget"("programmeId");

-- CreateIndex
CREATE INDEX "Benefit_programmeId_idx" ON "Benefit"("programmeId");

-- CreateIndex
CREATE INDEX "Benefit_workstreamId_idx" ON "Benefit"("workstreamId");

-- CreateIndex
CREATE UNIQUE INDEX "BenefitReading_benefitId_readOn_key" ON "BenefitReading"("benefitId", "readOn");

-- CreateIndex
CREATE INDEX "Risk_programmeId_status_idx" ON "Risk"("programmeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organisationId_idx" ON "User"("organisationId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_occurredAt_idx" ON "AuditEvent"("entityType", "entityId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt");

-- AddForeignKey
ALTER TABLE "Fund" ADD CONSTRAINT "Fund_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammePartner" ADD CONSTRAINT "ProgrammePartner_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammePartner" ADD CONSTRAINT "ProgrammePartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workstream" ADD CONSTRAINT "Workstream_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_workstreamId_fkey" FOREIGN KEY ("workstreamId") REFERENCES "Workstream"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_retiredById_fkey" FOREIGN KEY ("retiredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentYearProfile" ADD CONSTRAINT "CommitmentYearProfile_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "FundingCommitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "FundingCommitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_retiredById_fkey" FOREIGN KEY ("retiredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "FundingCommitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_costLineId_fkey" FOREIGN KEY ("costLineId") REFERENCES "CostLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_retiredById_fkey" FOREIGN KEY ("retiredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_costLineId_fkey" FOREIGN KEY ("costLineId") REFERENCES "CostLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostShare" ADD CONSTRAINT "CostShare_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "CostSharingAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostShare" ADD CONSTRAINT "CostShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_costLineId_fkey" FOREIGN KEY ("costLineId") REFERENCES "CostLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "FundingCommitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_payingOrganisationId_fkey" FOREIGN KEY ("payingOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_retiredById_fkey" FOREIGN KEY ("retiredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_reversedById_fkey" FOREIGN KEY ("reversedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_workstreamId_fkey" FOREIGN KEY ("workstreamId") REFERENCES "Workstream"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneChange" ADD CONSTRAINT "MilestoneChange_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneChange" ADD CONSTRAINT "MilestoneChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliverableTarget" ADD CONSTRAINT "DeliverableTarget_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliverableTarget" ADD CONSTRAINT "DeliverableTarget_workstreamId_fkey" FOREIGN KEY ("workstreamId") REFERENCES "Workstream"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Benefit" ADD CONSTRAINT "Benefit_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Benefit" ADD CONSTRAINT "Benefit_workstreamId_fkey" FOREIGN KEY ("workstreamId") REFERENCES "Workstream"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_benefitId_fkey" FOREIGN KEY ("benefitId") REFERENCES "Benefit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─── Hand-written: rules Prisma's schema language cannot express ───────────
-- Money is whole pence (BigInt); these keep impossible figures out even if a bug slips past
-- the API's validation.

ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_name_not_blank" CHECK (btrim("name") <> '');
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_totalCostPence_not_negative" CHECK ("totalCostPence" IS NULL OR "totalCostPence" >= 0);
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_dates_in_order" CHECK ("endOn" IS NULL OR "startOn" IS NULL OR "endOn" >= "startOn");
ALTER TABLE "ProgrammePartner" ADD CONSTRAINT "ProgrammePartner_withdrew_after_joined" CHECK ("withdrewOn" IS NULL OR "joinedOn" IS NULL OR "withdrewOn" >= "joinedOn");
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_amountPence_not_negative" CHECK ("amountPence" IS NULL OR "amountPence" >= 0);
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_amountPence_not_negative" CHECK ("amountPence" >= 0);
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_retirement_complete" CHECK (("retiredAt" IS NULL) = ("retirementReason" IS NULL));
ALTER TABLE "CommitmentYearProfile" ADD CONSTRAINT "CommitmentYearProfile_amountPence_not_negative" CHECK ("amountPence" >= 0);
ALTER TABLE "CommitmentYearProfile" ADD CONSTRAINT "CommitmentYearProfile_financialYear_plausible" CHECK ("financialYear" BETWEEN 1900 AND 2200);
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_amountPence_not_zero" CHECK ("amountPence" <> 0);
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_retirement_complete" CHECK (("retiredAt" IS NULL) = ("retirementReason" IS NULL));
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_amountPence_not_negative" CHECK ("amountPence" >= 0);
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_retirement_complete" CHECK (("retiredAt" IS NULL) = ("retirementReason" IS NULL));
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_dates_in_order" CHECK ("effectiveTo" IS NULL OR "effectiveFrom" IS NULL OR "effectiveTo" >= "effectiveFrom");
ALTER TABLE "CostShare" ADD CONSTRAINT "CostShare_parts_positive" CHECK ("parts" > 0);
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_amountPence_not_zero" CHECK ("amountPence" <> 0);
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_irrecoverableVatPence_not_negative" CHECK ("irrecoverableVatPence" >= 0);
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_import_has_batch" CHECK (("source" = 'import') = ("importBatchId" IS NOT NULL));
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_retirement_complete" CHECK (("retiredAt" IS NULL) = ("retirementReason" IS NULL));
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_rowCount_not_negative" CHECK ("rowCount" >= 0);
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_description_not_blank" CHECK (btrim("description") <> '');
ALTER TABLE "DeliverableTarget" ADD CONSTRAINT "DeliverableTarget_targetCount_positive" CHECK ("targetCount" > 0);
ALTER TABLE "DeliverableTarget" ADD CONSTRAINT "DeliverableTarget_achievedCount_not_negative" CHECK ("achievedCount" >= 0);
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_likelihood_1_to_5" CHECK ("likelihood" BETWEEN 1 AND 5);
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_impact_1_to_5" CHECK ("impact" BETWEEN 1 AND 5);
ALTER TABLE "User" ADD CONSTRAINT "User_email_lower_case" CHECK ("email" = lower("email"));

-- Versions only move forward; a stale write is caught by the API's `WHERE version = $n`.
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_version_positive" CHECK ("version" > 0);
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_version_positive" CHECK ("version" > 0);

-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();
