-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_allocation_in_closed_period()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  lines uuid[];
  hit record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "PeriodClose" WHERE "reopenedAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "costLineId") INTO lines FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "costLineId") INTO lines FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT line) INTO lines
    FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id
    CROSS JOIN LATERAL (VALUES (old_row."costLineId"), (new_row."costLineId")) AS changed(line)
    WHERE (old_row."amountPence", old_row."retiredAt", old_row."costLineId", old_row."commitmentId")
          IS DISTINCT FROM (new_row."amountPence", new_row."retiredAt", new_row."costLineId", new_row."commitmentId");
  END IF;
  IF lines IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT spend."spentOn" AS day, close.id INTO hit
  FROM "Spend" spend JOIN "Programme" programme ON programme.id = spend."programmeId"
  JOIN "PeriodClose" close
    ON close."organisationId" = COALESCE(spend."ownerOrganisationId", programme."leadOrganisationId")
   AND close."reopenedAt" IS NULL AND spend."spentOn" BETWEEN close."startsOn" AND close."endsOn"
  WHERE spend."costLineId" = ANY (lines) AND spend."commitmentId" IS NULL AND spend."retiredAt" IS NULL
  ORDER BY spend."spentOn" LIMIT 1;
  IF FOUND THEN
    PERFORM fundline_refuse_closed_period('allocation', hit.day, hit.id);
  END IF;
  RETURN NULL;
END $function$;

CREATE TRIGGER "Allocation_closed_period_delete" AFTER DELETE ON public."Allocation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();

CREATE TRIGGER "Allocation_closed_period_insert" AFTER INSERT ON public."Allocation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();

CREATE TRIGGER "Allocation_closed_period_update" AFTER UPDATE ON public."Allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fundline_allocation_in_closed_period();
