-- CreateTable
CREATE TABLE "ImportSetAsideRow" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "batchId" UUID NOT NULL,
    "organisationId" UUID,
    "line" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "spentOn" DATE,
    "amountPence" BIGINT,
    "vatPence" BIGINT,
    "lineCode" TEXT,
    "supplierName" TEXT,
    "reference" TEXT,
    "department" TEXT,
    "purpose" TEXT,
    "merchantCategory" TEXT,
    "paidToIndividual" BOOLEAN,
    "rowKey" TEXT NOT NULL,
    "importedAt" TIMESTAMPTZ(3),
    "importedBatchId" UUID,

    CONSTRAINT "ImportSetAsideRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerCodeMatch" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisationId" UUID NOT NULL,
    "sourceName" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "costLineId" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LedgerCodeMatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportSetAsideRow_organisationId_rowKey_idx" ON "ImportSetAsideRow"("organisationId", "rowKey");

-- CreateIndex
CREATE UNIQUE INDEX "ImportSetAsideRow_batchId_line_key" ON "ImportSetAsideRow"("batchId", "line");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerCodeMatch_organisationId_sourceName_code_key" ON "LedgerCodeMatch"("organisationId", "sourceName", "code");

-- AddForeignKey
ALTER TABLE "ImportSetAsideRow" ADD CONSTRAINT "ImportSetAsideRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerCodeMatch" ADD CONSTRAINT "LedgerCodeMatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerCodeMatch" ADD CONSTRAINT "LedgerCodeMatch_costLineId_fkey" FOREIGN KEY ("costLineId") REFERENCES "CostLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What a set-aside row can be, in the words the import uses.
ALTER TABLE "ImportSetAsideRow" ADD CONSTRAINT "ImportSetAsideRow_kind_known"
  CHECK (kind IN ('field', 'costLine', 'duplicate', 'unmatched'));

-- The rows waiting for their code to be matched to a cost line, found by council and code.
CREATE INDEX "ImportSetAsideRow_waiting_idx" ON "ImportSetAsideRow" ("organisationId", lower("lineCode"))
  WHERE kind = 'unmatched' AND "importedAt" IS NULL;

-- A remembered match is found by the code as any file writes it.
ALTER TABLE "LedgerCodeMatch" ADD CONSTRAINT "LedgerCodeMatch_code_lower_case" CHECK (code = lower(code));
