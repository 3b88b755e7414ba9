-- DropForeignKey
ALTER TABLE "Spend" DROP CONSTRAINT "Spend_programmeId_fkey";

-- DropForeignKey
ALTER TABLE "Spend" DROP CONSTRAINT "Spend_costLineId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "CostLine_id_programmeId_key" ON "CostLine"("id", "programmeId");

-- AddForeignKey
ALTER TABLE "Spend" ADD CONSTRAINT "Spend_costLineId_programmeId_fkey" FOREIGN KEY ("costLineId", "programmeId") REFERENCES "CostLine"("id", "programmeId") ON DELETE RESTRICT ON UPDATE CASCADE;
