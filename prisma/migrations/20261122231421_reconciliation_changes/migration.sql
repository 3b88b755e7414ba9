-- CreateTable
CREATE TABLE "ReconciliationChange" (
    "transactionId" BIGINT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconciliationChange_pkey" PRIMARY KEY ("transactionId")
);

-- CreateIndex
CREATE INDEX "ReconciliationChange_changedAt_idx" ON "ReconciliationChange"("changedAt");

-- Every table whose rows reconciliation reads notes the writing transaction once.
CREATE FUNCTION fundline_note_reconciliation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReconciliationChange" ("transactionId") VALUES (pg_current_xact_id()::text::bigint)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DO $$
DECLARE
  watched text;
BEGIN
  FOREACH watched IN ARRAY ARRAY['Spend', 'Allocation', 'Receipt', 'FundingCommitment', 'CommitmentYearProfile',
    'Programme', 'ProgrammePartner', 'CostLine', 'CostSharingAgreement', 'CostShare', 'Fund', 'Organisation']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION fundline_note_reconciliation_change()',
                   watched || '_reconciliation_change', watched);
  END LOOP;
END $$;
