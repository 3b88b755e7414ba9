-- The commitments a RECEIVED_MORE_THAN_COMMITTED finding is raised for, so the portfolio reads
-- just those (as it does over-allocated ones).
CREATE INDEX "CommitmentTotal_over_received_idx" ON "CommitmentTotal" ("commitmentId")
  WHERE "receivedPence" > "amountPence";
