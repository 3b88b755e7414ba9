-- DropIndex
DROP INDEX "ImportColumnMapping_sourceName_key";

-- AlterTable: each saved mapping becomes the council's that last imported with it; one no
-- import used is dropped (the next import suggests a mapping again).
ALTER TABLE "ImportColumnMapping" ADD COLUMN     "organisationId" UUID;
UPDATE "ImportColumnMapping" mapping
SET "organisationId" = (
  SELECT creator."organisationId" FROM "ImportBatch" batch JOIN "User" creator ON creator.id = batch."createdById"
  WHERE batch."sourceName" = mapping."sourceName" ORDER BY batch."createdAt" DESC LIMIT 1);
DELETE FROM "ImportColumnMapping" WHERE "organisationId" IS NULL;
ALTER TABLE "ImportColumnMapping" ALTER COLUMN "organisationId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ImportColumnMapping_organisationId_sourceName_key" ON "ImportColumnMapping"("organisationId", "sourceName");

-- AddForeignKey
ALTER TABLE "ImportColumnMapping" ADD CONSTRAINT "ImportColumnMapping_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
