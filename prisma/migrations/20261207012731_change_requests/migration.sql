-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "approvalThresholdPence" BIGINT NOT NULL DEFAULT 1000000;

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisationId" UUID NOT NULL,
    "programmeId" UUID,
    "commitmentId" UUID,
    "kind" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" UUID,
    "input" JSONB NOT NULL,
    "params" JSONB,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "deltaPence" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_organisationId_status_requestedAt_idx" ON "ChangeRequest"("organisationId", "status", "requestedAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_entityType_entityId_idx" ON "ChangeRequest"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "ChangeRequest_commitmentId_idx" ON "ChangeRequest"("commitmentId");

-- CreateIndex
CREATE INDEX "ChangeRequest_programmeId_idx" ON "ChangeRequest"("programmeId");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What a change request can be, and money within the bounds every amount keeps (bounds.ts).
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_status_known"
  CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'outOfDate'));
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_amountPence_within_bounds"
  CHECK ("amountPence" BETWEEN 0 AND 1000000000000);
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_deltaPence_within_bounds"
  CHECK ("deltaPence" BETWEEN -1000000000000 AND 1000000000000);
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_decided"
  CHECK ((status = 'pending') = ("decidedAt" IS NULL));
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_approvalThresholdPence_within_bounds"
  CHECK ("approvalThresholdPence" BETWEEN 0 AND 100000000000);
-- An approver's list: what waits in their council.
CREATE INDEX "ChangeRequest_pending" ON "ChangeRequest" ("organisationId", "requestedAt") WHERE status = 'pending';
