-- A ledger row's identity stays unique among live rows, but the index now holds only rows that
-- have one. As it was (every live row), the planner could use it as a list of live rows: before
-- a freshly loaded table had statistics, it ANDed it into every "this programme's live spend"
-- lookup, reading the whole index once per programme (a first 100,000-row import spent 50 s
-- counting findings). Lookups by identity say `"ledgerRowKey" = …`, which implies the new
-- condition, so they still use it.
DROP INDEX "Spend_ledgerRowKey_live_key";
CREATE UNIQUE INDEX "Spend_ledgerRowKey_live_key" ON "Spend"("ledgerRowKey") WHERE "retiredAt" IS NULL AND "ledgerRowKey" IS NOT NULL;
