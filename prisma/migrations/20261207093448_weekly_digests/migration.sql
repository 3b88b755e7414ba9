-- AlterTable
ALTER TABLE "User" ADD COLUMN     "weeklyDigest" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "WeeklyDigest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "weekOf" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT,
    "retryAfter" TIMESTAMPTZ(3),
    "unsubscribeTokenHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "WeeklyDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyDigest_unsubscribeTokenHash_key" ON "WeeklyDigest"("unsubscribeTokenHash");

-- CreateIndex
CREATE INDEX "WeeklyDigest_status_retryAfter_idx" ON "WeeklyDigest"("status", "retryAfter");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyDigest_userId_weekOf_key" ON "WeeklyDigest"("userId", "weekOf");

-- AddForeignKey
ALTER TABLE "WeeklyDigest" ADD CONSTRAINT "WeeklyDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
