-- Spend's running totals: sum each statement's changed rows per programme, line, commitment
-- and financial year before applying them. A 200,000-row import touches a few tens of
-- thousands of totals at most, so the five upserts now read that many changes, not 200,000
-- each (the same sums: grouping first does not change them).
CREATE OR REPLACE FUNCTION fundline_spend_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes fundline_spend_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), sum("amountPence"))::fundline_spend_change
      FROM new_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"));
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(
      SELECT ROW("programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -sum("amountPence"))::fundline_spend_change
      FROM old_rows WHERE "retiredAt" IS NULL
      GROUP BY "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"));
  ELSE
    changes := ARRAY(
      SELECT ROW(programme, cost_line, commitment, financial_year, sum(pence))::fundline_spend_change
      FROM (
        SELECT "programmeId" AS programme, "costLineId" AS cost_line, "commitmentId" AS commitment,
               fundline_financial_year("spentOn") AS financial_year, "amountPence" AS pence
        FROM new_rows WHERE "retiredAt" IS NULL
        UNION ALL
        SELECT "programmeId", "costLineId", "commitmentId", fundline_financial_year("spentOn"), -"amountPence"
        FROM old_rows WHERE "retiredAt" IS NULL
      ) change
      GROUP BY programme, cost_line, commitment, financial_year HAVING sum(pence) <> 0);
  END IF;
  PERFORM fundline_apply_spend_changes(changes);
  RETURN NULL;
END $$;
