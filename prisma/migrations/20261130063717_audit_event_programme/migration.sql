-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "programmeId" UUID;

-- CreateIndex
CREATE INDEX "AuditEvent_programmeId_id_idx" ON "AuditEvent"("programmeId", "id" DESC);

-- Backfill: each event already written takes the programme its record belongs to now. The
-- trail is append-only; this migration alone fills the column it adds, with its guard off
-- for the one statement and on again in the same transaction.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_or_delete";
UPDATE "AuditEvent" event SET "programmeId" = owner."programmeId"
FROM (
  SELECT 'Programme' AS "entityType", id::text AS "entityId", id AS "programmeId" FROM "Programme"
  UNION ALL SELECT 'Workstream', id::text, "programmeId" FROM "Workstream"
  UNION ALL SELECT 'CostLine', id::text, "programmeId" FROM "CostLine"
  UNION ALL SELECT 'CostSharingAgreement', id::text, "programmeId" FROM "CostSharingAgreement"
  UNION ALL SELECT 'ProgrammePartner', id::text, "programmeId" FROM "ProgrammePartner"
  UNION ALL SELECT 'Milestone', id::text, "programmeId" FROM "Milestone"
  UNION ALL SELECT 'DeliverableTarget', id::text, "programmeId" FROM "DeliverableTarget"
  UNION ALL SELECT 'Benefit', id::text, "programmeId" FROM "Benefit"
  UNION ALL SELECT 'Risk', id::text, "programmeId" FROM "Risk"
  UNION ALL SELECT 'Spend', id::text, "programmeId" FROM "Spend"
  UNION ALL SELECT 'FundingCommitment', id::text, "programmeId" FROM "FundingCommitment"
  UNION ALL SELECT 'Decision', id::text, "programmeId" FROM "Decision"
  UNION ALL SELECT 'Allocation', allocation.id::text, line."programmeId"
            FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
  UNION ALL SELECT 'Receipt', receipt.id::text, commitment."programmeId"
            FROM "Receipt" receipt JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId"
  UNION ALL SELECT 'BenefitReading', reading.id::text, benefit."programmeId"
            FROM "BenefitReading" reading JOIN "Benefit" benefit ON benefit.id = reading."benefitId"
) owner
WHERE owner."entityType" = event."entityType" AND owner."entityId" = event."entityId"
  AND owner."programmeId" IS NOT NULL;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_or_delete";
