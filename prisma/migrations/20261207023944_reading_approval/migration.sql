-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "readingsApproverId" UUID;

-- AlterTable
ALTER TABLE "BenefitReading" ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedById" UUID,
ADD COLUMN     "enteredById" UUID,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'approved',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_readingsApproverId_fkey" FOREIGN KEY ("readingsApproverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_status_known" CHECK (status IN ('submitted', 'approved'));
ALTER TABLE "BenefitReading" ADD CONSTRAINT "BenefitReading_approved" CHECK ((status = 'approved') OR ("approvedAt" IS NULL));

-- Readings kept before approvals existed were, as their rows now say, approved.
UPDATE "RowVersion" SET "row" = "row" || '{"status": "approved", "version": 1}'::jsonb WHERE "tableName" = 'BenefitReading';

-- Views of versioned tables whose columns changed, made again (see prisma/sql/row-versions.sql).
DROP VIEW as_at."BenefitReading";
CREATE VIEW as_at."BenefitReading" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."BenefitReading", version."row") image
  WHERE version."tableName" = 'BenefitReading' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
DROP VIEW as_at."Programme";
CREATE VIEW as_at."Programme" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."Programme", version."row") image
  WHERE version."tableName" = 'Programme' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
