-- AlterTable
ALTER TABLE "ProgrammePartner" ADD COLUMN     "mayAddCostLines" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "FundingCommitment" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "Allocation" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "CostSharingAgreement" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "Spend" ADD COLUMN     "ownerOrganisationId" UUID;

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "organisationId" UUID;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingCommitment" ADD CONSTRAINT "FundingCommitment_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostSharingAgreement" ADD CONSTRAINT "CostSharingAgreement_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Placing each existing record with the council whose books it is in: first the council of
-- whoever created it (its "create" audit event), if that council takes part in the programme;
-- then what the record itself says (a payment's payer, a commitment's recipient, a receipt's or
-- an allocation's commitment); imported payments take their import's council. What is still
-- unplaced stays NULL, which means the programme's lead; the counts are printed (NOTICE).
UPDATE "ImportBatch" batch SET "organisationId" = creator."organisationId"
FROM "User" creator WHERE creator.id = batch."createdById";

CREATE TEMPORARY TABLE creator_council ON COMMIT DROP AS
SELECT DISTINCT ON (event."entityType", event."entityId") event."entityType" AS entity_type,
       event."entityId" AS entity_id, creator."organisationId" AS council
FROM "AuditEvent" event JOIN "User" creator ON creator.id = event."actorId"
WHERE event.action = 'create'
  AND event."entityType" IN ('Spend', 'Receipt', 'FundingCommitment', 'Allocation', 'CostLine', 'CostSharingAgreement')
ORDER BY event."entityType", event."entityId", event.id;

CREATE TEMPORARY TABLE taking_part ON COMMIT DROP AS
SELECT id AS programme_id, "leadOrganisationId" AS council FROM "Programme"
UNION SELECT "programmeId", "organisationId" FROM "ProgrammePartner";

UPDATE "FundingCommitment" commitment
SET "ownerOrganisationId" = COALESCE(
  (SELECT created.council FROM creator_council created
   WHERE created.entity_type = 'FundingCommitment' AND created.entity_id = commitment.id::text
     AND (commitment."programmeId" IS NULL OR EXISTS (SELECT 1 FROM taking_part part
          WHERE part.programme_id = commitment."programmeId" AND part.council = created.council))),
  (SELECT commitment."recipientId" FROM taking_part part
   WHERE part.programme_id = commitment."programmeId" AND part.council = commitment."recipientId"));

UPDATE "Receipt" receipt
SET "ownerOrganisationId" = COALESCE(
  (SELECT created.council FROM creator_council created JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId"
   WHERE created.entity_type = 'Receipt' AND created.entity_id = receipt.id::text
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = commitment."programmeId" AND part.council = created.council)),
  (SELECT commitment."ownerOrganisationId" FROM "FundingCommitment" commitment WHERE commitment.id = receipt."commitmentId"));

UPDATE "Allocation" allocation
SET "ownerOrganisationId" = COALESCE(
  (SELECT created.council FROM creator_council created JOIN "CostLine" line ON line.id = allocation."costLineId"
   WHERE created.entity_type = 'Allocation' AND created.entity_id = allocation.id::text
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = line."programmeId" AND part.council = created.council)),
  (SELECT commitment."ownerOrganisationId" FROM "FundingCommitment" commitment WHERE commitment.id = allocation."commitmentId"));

UPDATE "CostLine" line
SET "ownerOrganisationId" = (SELECT created.council FROM creator_council created
   WHERE created.entity_type = 'CostLine' AND created.entity_id = line.id::text
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = line."programmeId" AND part.council = created.council));

UPDATE "CostSharingAgreement" agreement
SET "ownerOrganisationId" = (SELECT created.council FROM creator_council created
   WHERE created.entity_type = 'CostSharingAgreement' AND created.entity_id = agreement.id::text
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = agreement."programmeId" AND part.council = created.council));

UPDATE "Spend" spend
SET "ownerOrganisationId" = COALESCE(
  (SELECT batch."organisationId" FROM "ImportBatch" batch WHERE batch.id = spend."importBatchId"
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = spend."programmeId" AND part.council = batch."organisationId")),
  (SELECT created.council FROM creator_council created
   WHERE created.entity_type = 'Spend' AND created.entity_id = spend.id::text
     AND EXISTS (SELECT 1 FROM taking_part part WHERE part.programme_id = spend."programmeId" AND part.council = created.council)),
  (SELECT spend."payingOrganisationId" FROM taking_part part
   WHERE part.programme_id = spend."programmeId" AND part.council = spend."payingOrganisationId"));

DO $$
DECLARE
  unplaced text;
BEGIN
  SELECT string_agg(format('%s %s of %s', left_to_lead, kind, total), ', ') INTO unplaced FROM (
    SELECT 'payments' AS kind, count(*) FILTER (WHERE "ownerOrganisationId" IS NULL) AS left_to_lead, count(*) AS total FROM "Spend"
    UNION ALL SELECT 'receipts', count(*) FILTER (WHERE "ownerOrganisationId" IS NULL), count(*) FROM "Receipt"
    UNION ALL SELECT 'commitments', count(*) FILTER (WHERE "ownerOrganisationId" IS NULL), count(*) FROM "FundingCommitment"
    UNION ALL SELECT 'allocations', count(*) FILTER (WHERE "ownerOrganisationId" IS NULL), count(*) FROM "Allocation"
    UNION ALL SELECT 'cost lines', count(*) FILTER (WHERE "ownerOrganisationId" IS NULL), count(*) FROM "CostLine"
    UNION ALL SELECT 'cost-sharing agreements', count(*) FILTER (WHERE "ownerOrganisationId" IS NULL), count(*) FROM "CostSharingAgreement"
    UNION ALL SELECT 'imports', count(*) FILTER (WHERE "organisationId" IS NULL), count(*) FROM "ImportBatch"
  ) counts;
  RAISE NOTICE 'Record owners: could not place % (these stay with their programme''s lead council)', unplaced;
END $$;
