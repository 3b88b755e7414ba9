-- AlterTable
ALTER TABLE "ProgrammeTotal" ADD COLUMN     "allocatedPence" BIGINT NOT NULL DEFAULT 0;

-- Allocations now also add up per programme (through their line, whose programme never changes).
CREATE OR REPLACE FUNCTION fundline_apply_allocation_changes(changes fundline_allocation_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommitmentTotal" AS total ("commitmentId", "allocatedPence")
  SELECT commitment, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("commitmentId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";

  INSERT INTO "CostLineTotal" AS total ("costLineId", "allocatedPence")
  SELECT cost_line, sum(pence) FROM unnest(changes)
  GROUP BY 1 HAVING sum(pence) <> 0 ORDER BY 1
  ON CONFLICT ("costLineId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";

  INSERT INTO "ProgrammeTotal" AS total ("programmeId", "allocatedPence")
  SELECT line."programmeId", sum(change.pence) FROM unnest(changes) change JOIN "CostLine" line ON line.id = change.cost_line
  GROUP BY 1 HAVING sum(change.pence) <> 0 ORDER BY 1
  ON CONFLICT ("programmeId") DO UPDATE SET "allocatedPence" = total."allocatedPence" + excluded."allocatedPence";
$$;

INSERT INTO "ProgrammeTotal" AS total ("programmeId", "allocatedPence")
SELECT line."programmeId", sum(allocation."amountPence")
FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
WHERE allocation."retiredAt" IS NULL
GROUP BY 1 HAVING sum(allocation."amountPence") <> 0
ON CONFLICT ("programmeId") DO UPDATE SET "allocatedPence" = excluded."allocatedPence";
