-- CreateTable
CREATE TABLE "FunderClaim" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "commitmentId" UUID NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "claimedOn" DATE NOT NULL,
    "reference" TEXT,
    "receiptId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" TIMESTAMPTZ(3),
    "retirementReason" TEXT,

    CONSTRAINT "FunderClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FunderClaim_receiptId_key" ON "FunderClaim"("receiptId");

-- CreateIndex
CREATE INDEX "FunderClaim_commitmentId_idx" ON "FunderClaim"("commitmentId");

-- AddForeignKey
ALTER TABLE "FunderClaim" ADD CONSTRAINT "FunderClaim_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "FundingCommitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunderClaim" ADD CONSTRAINT "FunderClaim_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunderClaim" ADD CONSTRAINT "FunderClaim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- From prisma/sql/
CREATE TRIGGER "FunderClaim_versions_delete" AFTER DELETE ON public."FunderClaim" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "FunderClaim_versions_insert" AFTER INSERT ON public."FunderClaim" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

CREATE TRIGGER "FunderClaim_versions_update" AFTER UPDATE ON public."FunderClaim" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_keep_row_versions('id');

ALTER TABLE "FunderClaim" ADD CONSTRAINT "FunderClaim_amountPence_within_bounds" CHECK ("amountPence" BETWEEN 0 AND 100000000000);
ALTER TABLE "FunderClaim" ADD CONSTRAINT "FunderClaim_period" CHECK ("periodFrom" <= "periodTo");

-- Claims as they stood, for the reconciliation as at a past moment (see prisma/sql/row-versions.sql).
CREATE VIEW as_at."FunderClaim" AS
  SELECT image.* FROM public."RowVersion" version, LATERAL jsonb_populate_record(NULL::public."FunderClaim", version."row") image
  WHERE version."tableName" = 'FunderClaim' AND version."validFrom" < fundline_as_at()
    AND (version."validTo" IS NULL OR version."validTo" >= fundline_as_at());
