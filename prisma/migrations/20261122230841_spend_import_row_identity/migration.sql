-- DropIndex
DROP INDEX "Spend_ledgerRowKey_key";

-- A ledger row's identity is unique among live rows only: reversing an import retires its rows,
-- and importing the corrected file again must be possible.
CREATE UNIQUE INDEX "Spend_ledgerRowKey_live_key" ON "Spend"("ledgerRowKey") WHERE "retiredAt" IS NULL;
