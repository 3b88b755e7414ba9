-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);
