// Figures as Fundline held them at a past moment. The rows they are worked out from keep every
// version (prisma/sql/row-versions.sql); a read "as at" runs the same SQL as a live read, in a
// transaction that first copies each versioned table, as it stood at that moment (the `as_at`
// schema's view of the same name), into a temporary table of the same name, and adds the
// running totals up from those copies. PostgreSQL looks in a session's temporary tables before
// any schema, so the read's queries find the copies; then the transaction turns read-only, and
// the copies go when it ends. So no figure has a second, "historical" way of being added up
// that could drift from the live one.
//
// Why copies, not the views themselves: a view over versions is a set-returning function per
// row, which the planner cannot estimate, and a dashboard query joining a few of them chose
// nested loops that ran for minutes at the bench's size. Copies are analysed, so each query is
// planned on real counts, and the million payments are read once, not once per total.
import type { Prisma, PrismaClient } from "@fundline/db";
import { asAtMoment, formatDateTime, todayInTheUk } from "@fundline/domain";
import pLimit from "p-limit";
import { RuleBroken } from "../errors.ts";

export type FigureReader = Pick<PrismaClient, "$queryRaw" | "$queryRawUnsafe">;

/** The tables that keep every version, each with a view of its rows as they were in `as_at`. */
const VERSIONED_TABLES = [
  "Programme",
  "Fund",
  "FundingCommitment",
  "CommitmentYearProfile",
  "CostLine",
  "Allocation",
  "Receipt",
  "FunderClaim",
  "Spend",
  "CostSharingAgreement",
  "CostShare",
  "Milestone",
  "DeliverableTarget",
  "Benefit",
  "BenefitReading",
] as const;

/**
 * The running totals, added up from the records as they stood: the same sums as
 * `runningTotalsDrift` (features/reconciliation/running-totals.ts), with a total's table's name
 * and columns. Unqualified names: they read the copies.
 */
const RUNNING_TOTALS: Record<string, string> = {
  CommitmentTotal: `
    SELECT commitment.id AS "commitmentId",
           (CASE WHEN commitment."retiredAt" IS NULL THEN commitment."amountPence" ELSE 0 END)::bigint AS "amountPence",
           coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
           coalesce(received.pence, 0)::bigint AS "receivedPence",
           coalesce(named.pence, 0)::bigint AS "namedSpentPence"
    FROM "FundingCommitment" commitment
    LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1) allocated
      ON allocated."commitmentId" = commitment.id
    LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM "Receipt" WHERE "retiredAt" IS NULL GROUP BY 1) received
      ON received."commitmentId" = commitment.id
    LEFT JOIN (SELECT "commitmentId", sum("amountPence") AS pence FROM "Spend"
               WHERE "retiredAt" IS NULL AND "commitmentId" IS NOT NULL GROUP BY 1) named
      ON named."commitmentId" = commitment.id`,
  CommitmentYearTotal: `
    SELECT "commitmentId", fundline_financial_year("spentOn") AS "financialYear", sum("amountPence")::bigint AS "namedSpentPence"
    FROM "Spend" WHERE "retiredAt" IS NULL AND "commitmentId" IS NOT NULL GROUP BY 1, 2`,
  CostLineTotal: `
    SELECT line.id AS "costLineId", coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
           coalesce(spent.spent, 0)::bigint AS "spentPence", coalesce(spent.unnamed, 0)::bigint AS "unnamedSpentPence"
    FROM "CostLine" line
    LEFT JOIN (SELECT "costLineId", sum("amountPence") AS pence FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1) allocated
      ON allocated."costLineId" = line.id
    LEFT JOIN (SELECT "costLineId", sum("amountPence") AS spent,
                      coalesce(sum("amountPence") FILTER (WHERE "commitmentId" IS NULL), 0) AS unnamed
               FROM "Spend" WHERE "retiredAt" IS NULL GROUP BY 1) spent
      ON spent."costLineId" = line.id`,
  CostLineYearTotal: `
    SELECT "costLineId", fundline_financial_year("spentOn") AS "financialYear", sum("amountPence")::bigint AS "spentPence",
           coalesce(sum("amountPence") FILTER (WHERE "commitmentId" IS NULL), 0)::bigint AS "unnamedSpentPence"
    FROM "Spend" WHERE "retiredAt" IS NULL GROUP BY 1, 2`,
  ProgrammeTotal: `
    SELECT programme.id AS "programmeId", coalesce(committed.pence, 0)::bigint AS "committedPence",
           coalesce(allocated.pence, 0)::bigint AS "allocatedPence", coalesce(spent.pence, 0)::bigint AS "spentPence"
    FROM "Programme" programme
    LEFT JOIN (SELECT "programmeId", sum("amountPence") AS pence FROM "FundingCommitment"
               WHERE "retiredAt" IS NULL AND status IN ('awarded', 'received') AND "programmeId" IS NOT NULL GROUP BY 1) committed
      ON committed."programmeId" = programme.id
    LEFT JOIN (SELECT line."programmeId", sum(allocation."amountPence") AS pence
               FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
               WHERE allocation."retiredAt" IS NULL GROUP BY 1) allocated
      ON allocated."programmeId" = programme.id
    LEFT JOIN (SELECT "programmeId", sum("amountPence") AS pence FROM "Spend" WHERE "retiredAt" IS NULL GROUP BY 1) spent
      ON spent."programmeId" = programme.id`,
  ProgrammeMonthTotal: `
    SELECT "programmeId", date_trunc('month', "spentOn")::date AS month, sum("amountPence")::bigint AS "spentPence"
    FROM "Spend" WHERE "retiredAt" IS NULL GROUP BY 1, 2`,
  CostSharingTotal: `
    SELECT agreement.id AS "agreementId", sum(spend."amountPence")::bigint AS "spentPence"
    FROM "CostSharingAgreement" agreement
    JOIN "Spend" spend ON spend."programmeId" = agreement."programmeId"
     AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
     AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date) AND coalesce(agreement."effectiveTo", 'infinity'::date)
    WHERE spend."retiredAt" IS NULL
    GROUP BY 1`,
  CostSharingPaymentTotal: `
    SELECT agreement.id AS "agreementId", spend."payingOrganisationId" AS "organisationId", sum(spend."amountPence")::bigint AS "paidPence"
    FROM "CostSharingAgreement" agreement
    JOIN "Spend" spend ON spend."programmeId" = agreement."programmeId"
     AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
     AND spend."spentOn" BETWEEN coalesce(agreement."effectiveFrom", '-infinity'::date) AND coalesce(agreement."effectiveTo", 'infinity'::date)
    WHERE spend."retiredAt" IS NULL AND spend."payingOrganisationId" IS NOT NULL
    GROUP BY 1, 2`,
};

/** Kept at each commit from the totals (prisma/sql/attributed-spend.sql), copied after them. */
const KEPT_SHARES = ["AttributedSpend", "ProgrammeYearFigure", "ProgrammeFunderFigure"];

// An as-at read holds a connection for seconds at full size; at most two run at once in a
// process (the rest wait holding none), so the live reads and writes always find connections.
const asAtReads = pLimit(2);

export type AsAtReach = {
  /** Only this programme's payments are copied: the read concerns it alone. */
  programmeId?: string;
  /** Also count each programme's reconciliation findings as they stood (`ProgrammeFinding`). */
  findings?: boolean;
};

/**
 * Runs `read` against the figures as they stood at `asAt` (a day, meaning its end in the UK, or
 * a moment), or as they are when `asAt` is not given. A moment before Fundline began keeping
 * versions, or still to come, is refused with a sentence.
 */
export async function readAsAt<T>(
  prisma: PrismaClient,
  asAt: string | undefined,
  read: (db: FigureReader, moment: Date | null) => Promise<T>,
  reach: AsAtReach = {},
): Promise<T> {
  if (asAt === undefined) return read(prisma, null);
  let moment = asAtMoment(asAt);
  return asAtReads(() =>
    prisma.$transaction(
      async (tx: Prisma.TransactionClient) => {
        const [bounds] = await tx.$queryRaw<{ began: Date | null; now: Date }[]>`
      SELECT (SELECT min("validFrom") FROM "RowVersion" WHERE "tableName" = 'history') AS began, now() AS now`;
        const now = bounds?.now ?? new Date();
        if (moment.getTime() > now.getTime()) {
          // Today, as a day, is as Fundline holds it now; a later day or moment has not happened.
          if (asAt !== todayInTheUk(now))
            throw new RuleBroken([{ path: "asAt", message: "must not be in the future" }]);
          moment = now;
        }
        if (bounds?.began && moment.getTime() < bounds.began.getTime()) {
          throw new RuleBroken([
            {
              path: "asAt",
              message: `must be on or after ${formatDateTime(bounds.began)}, when Fundline began keeping each version of the figures`,
            },
          ]);
        }
        // A search_path of its own, so that a plan PostgreSQL kept for this connection (a SQL
        // function's, on 18) is made again, and finds the copies rather than the tables.
        await tx.$queryRaw`SELECT set_config('fundline.as_at', ${moment.toISOString()}, true),
                              set_config('search_path', 'pg_temp, as_at, public', true)`;
        await copyAsTheyStood(tx, reach);
        // From here the read can change nothing but its own copies.
        await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        return read(tx, moment);
      },
      { timeout: 60_000, maxWait: 5_000 },
    ),
  );
}

async function copyAsTheyStood(tx: Prisma.TransactionClient, reach: AsAtReach) {
  const copy = async (table: string, select: string, ...values: unknown[]) => {
    await tx.$executeRawUnsafe(`CREATE TEMPORARY TABLE "${table}" ON COMMIT DROP AS ${select}`, ...values);
    await tx.$executeRawUnsafe(`ANALYZE "${table}"`);
  };
  for (const table of VERSIONED_TABLES) {
    if (table === "Spend" && reach.programmeId)
      await copy(table, `SELECT * FROM as_at."Spend" WHERE "programmeId" = $1::uuid`, reach.programmeId);
    else await copy(table, `SELECT * FROM as_at."${table}"`);
  }
  for (const [table, select] of Object.entries(RUNNING_TOTALS)) await copy(table, select);
  // The kept shares of unnamed spend and the figures kept from them, worked out by the same
  // functions as at each commit, from the copies (the one programme's, when the read concerns it alone).
  const programmes = reach.programmeId ? `ARRAY[$1::uuid]` : `ARRAY(SELECT id FROM "Programme")`;
  const shared = reach.programmeId ? [reach.programmeId] : [];
  await copy("AttributedSpend", `SELECT * FROM fundline_attributed_spend(${programmes})`, ...shared);
  await copy("ProgrammeYearFigure", `SELECT * FROM fundline_programme_year_figures(${programmes})`, ...shared);
  await copy("ProgrammeFunderFigure", `SELECT * FROM fundline_programme_funder_figures(${programmes})`, ...shared);
  if (reach.findings) {
    // Counting findings picks out each programme's rows, line's payments and so on by index, as
    // on the live tables: the copies get the tables' indexes (not unique: a copy checks nothing).
    const indexes = await tx.$queryRaw<{ definition: string }[]>`
      SELECT regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ON public\\.', 'CREATE INDEX ON pg_temp.') AS definition
      FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY (${[...VERSIONED_TABLES, ...Object.keys(RUNNING_TOTALS), ...KEPT_SHARES]}::text[])`;
    for (const { definition } of indexes) await tx.$executeRawUnsafe(definition);
    await copy("ProgrammeFinding", `SELECT * FROM fundline_programme_findings(ARRAY(SELECT id FROM "Programme"))`);
  }
}
