-- From prisma/sql/
CREATE OR REPLACE FUNCTION public.fundline_attributed_spend(programmes uuid[])
 RETURNS TABLE("programmeId" uuid, "commitmentId" uuid, pence bigint)
 LANGUAGE sql
 STABLE
AS $function$
  -- Each line's unnamed spend shared among the commitments allocated to it in proportion to
  -- their allocations, exact to the penny (floors, then the pennies left go to the largest
  -- fractions, ties by commitment id), added up per commitment over the programmes' lines. The
  -- same split as attributedSpend's within a year or a claim's period (features/programme-figures).
  -- The base tables are joined once, each by its key, and each line's total and count of
  -- commitments taken over the rows as window aggregates: no CTE is joined to another, since
  -- a plan guessed from few rows (a commit's generic plan, statistics from before a bulk load)
  -- would join them by nested loops, every line against every line.
  WITH line_allocation AS (
    SELECT allocation."commitmentId", allocation."costLineId", line."programmeId",
           total."unnamedSpentPence" AS unnamed, sum(allocation."amountPence") AS pence
    FROM "Allocation" allocation
    JOIN "CostLine" line ON line.id = allocation."costLineId"
    JOIN "CostLineTotal" total ON total."costLineId" = allocation."costLineId"
    WHERE line."programmeId" = ANY (programmes) AND allocation."retiredAt" IS NULL
      AND total."unnamedSpentPence" <> 0
    GROUP BY 1, 2, 3, 4
  ), line_share AS (
    SELECT *, sum(pence) OVER line AS line_pence, count(*) OVER line AS commitments
    FROM line_allocation
    WINDOW line AS (PARTITION BY "costLineId")
  ), share AS (
    SELECT "commitmentId", "costLineId", "programmeId", sign(unnamed) AS sign, abs(unnamed) AS whole,
           floor(abs(unnamed)::numeric * pence / line_pence)::bigint AS base,
           (abs(unnamed)::numeric * pence) % line_pence AS remainder
    FROM line_share
    WHERE line_pence > 0 AND commitments > 1
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
    SELECT "programmeId", "commitmentId", unnamed
    FROM line_share
    WHERE line_pence > 0 AND commitments = 1
  ) parts
  GROUP BY 1, 2;
$function$;

CREATE OR REPLACE FUNCTION public.fundline_programme_funder_figures(programmes uuid[])
 RETURNS TABLE("programmeId" uuid, "funderId" uuid, "committedPence" bigint, "receivedPence" bigint, "allocatedPence" bigint, "spentPence" bigint)
 LANGUAGE sql
 STABLE
AS $function$
  -- Each funder's share of each programme: its live commitments' amounts (awarded or received),
  -- receipts and allocations, and the spend attributed to them (named, and the kept shares of
  -- unnamed spend, worked out just before this at each commit).
  -- The shares are added in as rows of their own (UNION ALL) rather than joined as a grouped
  -- CTE: joined, a plan guessed from few rows loops over every share for every commitment.
  SELECT "programmeId", "funderId", sum(committed)::bigint, sum(received)::bigint,
         sum(allocated)::bigint, sum(spent)::bigint
  FROM (
    SELECT commitment."programmeId", fund."funderId",
           CASE WHEN commitment.status IN ('awarded', 'received') THEN commitment."amountPence" ELSE 0 END AS committed,
           coalesce(total."receivedPence", 0) AS received, coalesce(total."allocatedPence", 0) AS allocated,
           coalesce(total."namedSpentPence", 0) AS spent
    FROM "FundingCommitment" commitment
    JOIN "Fund" fund ON fund.id = commitment."fundId"
    LEFT JOIN "CommitmentTotal" total ON total."commitmentId" = commitment.id
    WHERE commitment."programmeId" = ANY (programmes) AND commitment."retiredAt" IS NULL
    UNION ALL
    -- A share is kept under its line's programme, which is its commitment's (an allocation
    -- stays within its programme): joined by both, each commitment finds its share by the key.
    SELECT commitment."programmeId", fund."funderId", 0, 0, 0, share.pence
    FROM "FundingCommitment" commitment
    JOIN "AttributedSpend" share ON share."programmeId" = commitment."programmeId" AND share."commitmentId" = commitment.id
    JOIN "Fund" fund ON fund.id = commitment."fundId"
    WHERE commitment."programmeId" = ANY (programmes) AND commitment."retiredAt" IS NULL
  ) parts
  GROUP BY 1, 2;
$function$;
