-- Kept at commit, per programme: attributed spend (AttributedSpend: each commitment's share of
-- its lines' unnamed spend), each year's profile against spend (ProgrammeYearFigure) and, from
-- the shares, each funder's share of the money (ProgrammeFunderFigure).
-- Worked out again from the running totals for each programme a transaction changed, as it
-- commits (fundline_keep_programme_findings, which takes the programmes' locks first). The
-- dashboard, the programme list and each programme's reconciliation read these rather than
-- working every line out; an as-at read works the same functions out over its copies
-- (apps/api/src/lib/as-at.ts).
-- The current definition of each function and trigger, as PostgreSQL prints it
-- (pg_get_functiondef, pg_get_triggerdef): prisma/src/sql-home.test.ts checks that a migrated
-- database holds exactly these. See README.md here for what fires on what and why.

-- ─── fundline_attributed_spend ───────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION public.fundline_attributed_spend(programmes uuid[])
 RETURNS TABLE("programmeId" uuid, "commitmentId" uuid, pence bigint)
 LANGUAGE sql
 STABLE
AS $function$
  -- Each line's unnamed spend shared among the commitments allocated to it in proportion to
  -- their allocations, exact to the penny (floors, then the pennies left go to the largest
  -- fractions, ties by commitment id), added up per commitment over the programmes' lines. The
  -- same split as attributedSpend's within a year or a claim's period (features/programme-figures).
  WITH line_allocation AS (
    SELECT allocation."commitmentId", allocation."costLineId", line."programmeId", sum(allocation."amountPence") AS pence
    FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
    WHERE line."programmeId" = ANY (programmes) AND allocation."retiredAt" IS NULL
    GROUP BY 1, 2, 3
  ), line_total AS (
    SELECT "costLineId", sum(pence) AS pence, count(*) AS commitments FROM line_allocation GROUP BY 1
  ), unnamed AS (
    SELECT total."costLineId", total."unnamedSpentPence" AS pence
    FROM "CostLineTotal" total JOIN line_total USING ("costLineId")
    WHERE total."unnamedSpentPence" <> 0
  ), share AS (
    SELECT share."commitmentId", share."costLineId", share."programmeId",
           sign(unnamed.pence) AS sign, abs(unnamed.pence) AS whole,
           floor(abs(unnamed.pence)::numeric * share.pence / total.pence)::bigint AS base,
           (abs(unnamed.pence)::numeric * share.pence) % total.pence AS remainder
    FROM line_allocation share
    JOIN line_total total USING ("costLineId")
    JOIN unnamed USING ("costLineId")
    WHERE total.pence > 0 AND total.commitments > 1
  ), ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY "costLineId" ORDER BY remainder DESC, "commitmentId") AS place,
           whole - sum(base) OVER (PARTITION BY "costLineId") AS pennies_left
    FROM share
  )
  SELECT "programmeId", "commitmentId", sum(pence)::bigint FROM (
    SELECT "programmeId", "commitmentId", sign * (base + CASE WHEN place <= pennies_left THEN 1 ELSE 0 END) AS pence
    FROM ranked
    UNION ALL
    -- A line only one commitment pays for: all of its spend is that commitment's, which the
    -- split above would also give, without its arithmetic and ranking (most lines are so).
    SELECT sole."programmeId", sole."commitmentId", unnamed.pence
    FROM line_allocation sole
    JOIN line_total total USING ("costLineId")
    JOIN unnamed USING ("costLineId")
    WHERE total.pence > 0 AND total.commitments = 1
  ) parts
  GROUP BY 1, 2;
$function$;

-- ─── fundline_programme_year_figures, fundline_programme_funder_figures ──────────────
CREATE OR REPLACE FUNCTION public.fundline_programme_year_figures(programmes uuid[])
 RETURNS TABLE("programmeId" uuid, "financialYear" integer, "profiledPence" bigint, profiled boolean, "spentPence" bigint)
 LANGUAGE sql
 STABLE
AS $function$
  -- Each programme's awarded funding profiled for each financial year (its live commitments
  -- awarded or received; `profiled`: some is, though it may add up to nothing), against the
  -- spend on its lines in that year, from the running totals.
  WITH profiled AS (
    SELECT commitment."programmeId", profile."financialYear", sum(profile."amountPence") AS pence
    FROM "CommitmentYearProfile" profile JOIN "FundingCommitment" commitment ON commitment.id = profile."commitmentId"
    WHERE commitment."programmeId" = ANY (programmes) AND commitment."retiredAt" IS NULL
      AND commitment.status IN ('awarded', 'received')
    GROUP BY 1, 2
  ), spent AS (
    SELECT line."programmeId", year."financialYear", sum(year."spentPence") AS pence
    FROM "CostLineYearTotal" year JOIN "CostLine" line ON line.id = year."costLineId"
    WHERE line."programmeId" = ANY (programmes)
    GROUP BY 1, 2
  )
  SELECT "programmeId", "financialYear", coalesce(profiled.pence, 0)::bigint, profiled.pence IS NOT NULL,
         coalesce(spent.pence, 0)::bigint
  FROM profiled FULL JOIN spent USING ("programmeId", "financialYear");
$function$;

CREATE OR REPLACE FUNCTION public.fundline_programme_funder_figures(programmes uuid[])
 RETURNS TABLE("programmeId" uuid, "funderId" uuid, "committedPence" bigint, "receivedPence" bigint, "allocatedPence" bigint, "spentPence" bigint)
 LANGUAGE sql
 STABLE
AS $function$
  -- Each funder's share of each programme: its live commitments' amounts (awarded or received),
  -- receipts and allocations, and the spend attributed to them (named, and the kept shares of
  -- unnamed spend, worked out just before this at each commit).
  WITH attributed AS (
    SELECT share."commitmentId", sum(share.pence) AS pence
    FROM "AttributedSpend" share WHERE share."programmeId" = ANY (programmes)
    GROUP BY 1
  )
  SELECT commitment."programmeId", fund."funderId",
         coalesce(sum(commitment."amountPence") FILTER (WHERE commitment.status IN ('awarded', 'received')), 0)::bigint,
         coalesce(sum(total."receivedPence"), 0)::bigint, coalesce(sum(total."allocatedPence"), 0)::bigint,
         coalesce(sum(coalesce(total."namedSpentPence", 0) + coalesce(attributed.pence, 0)), 0)::bigint
  FROM "FundingCommitment" commitment
  JOIN "Fund" fund ON fund.id = commitment."fundId"
  LEFT JOIN "CommitmentTotal" total ON total."commitmentId" = commitment.id
  LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
  WHERE commitment."programmeId" = ANY (programmes) AND commitment."retiredAt" IS NULL
  GROUP BY 1, 2;
$function$;
