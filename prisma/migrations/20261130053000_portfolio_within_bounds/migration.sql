-- Reads add programmes' totals together (the programme list's footer, the portfolio's money),
-- and a sum must stay an exact JSON number (Number.MAX_SAFE_INTEGER pence) however many
-- programmes there are. Each total is bounded by its check constraint; this bounds their sum
-- over every programme, once per statement that changes a total (one scan of ProgrammeTotal,
-- about a millisecond at 5,000 programmes), and the programmes' costs likewise. The error
-- names a `…_within_bounds` constraint like the others, so the API answers it as 422.
CREATE FUNCTION fundline_programme_totals_within_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT greatest(coalesce(sum(abs("committedPence")), 0), coalesce(sum(abs("allocatedPence")), 0),
                      coalesce(sum(abs("spentPence")), 0))
      FROM "ProgrammeTotal") > 9007199254740991 THEN
    RAISE EXCEPTION 'new row for relation "ProgrammeTotal" violates check constraint "ProgrammeTotal_everyProgramme_within_bounds"'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ProgrammeTotal_everyProgramme_within_bounds"
  AFTER INSERT OR UPDATE ON "ProgrammeTotal" FOR EACH STATEMENT
  EXECUTE FUNCTION fundline_programme_totals_within_bounds();

CREATE FUNCTION fundline_programme_costs_within_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(abs("totalCostPence")), 0) FROM "Programme") > 9007199254740991 THEN
    RAISE EXCEPTION 'new row for relation "Programme" violates check constraint "Programme_everyProgramme_within_bounds"'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Programme_everyProgramme_within_bounds"
  AFTER INSERT OR UPDATE OF "totalCostPence" ON "Programme" FOR EACH STATEMENT
  EXECUTE FUNCTION fundline_programme_costs_within_bounds();
