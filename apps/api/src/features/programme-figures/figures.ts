// The figures reconciliation is judged on, for a set of programmes given as SQL that selects
// their ids: one programme for its own page, every flagged programme for the portfolio. Money
// is added up by PostgreSQL, mostly from the running totals the triggers keep.
import { Prisma, type PrismaClient } from "@fundline/db";
import { financialYearLabel, partsAsPercentages, penceFromBigInt, toIsoDate } from "@fundline/domain";
import type { ProgrammeReconciliation } from "@fundline/schemas";

export type Db = Pick<PrismaClient, "$queryRaw">;

/** SQL selecting one programme's id, for the figure queries below. */
export const oneProgramme = (programmeId: string) => Prisma.sql`SELECT ${programmeId}::uuid`;

export type CommitmentFigures = ProgrammeReconciliation["commitments"][number] & { programmeId: string };

/**
 * The CTEs `commitment` (each live commitment of the programmes: id, "programmeId", "fundId",
 * title, status, "amountPence", received, allocated, named) and `attributed` (per commitment, the
 * unnamed spend shared to it): a commitment's spend is `named + coalesce(attributed.pence, 0)`.
 * Spend that names a commitment is that commitment's; spend that does not is shared among the
 * commitments allocated to its line in proportion to their allocations, exact to the penny
 * (largest remainder: floors, then the pennies left go to the largest fractions, ties by
 * commitment id), so every penny traces to one funder. The shares are kept as each write
 * commits (AttributedSpend, prisma/sql/attributed-spend.sql). With a financial year, only that
 * year's spend (April to March), shared within the year, from the running totals kept per year.
 * With `"each year"`, `attributed` has a row per commitment and year (its `"financialYear"`),
 * shared within each line's year, and `named` is left to the caller (CommitmentYearTotal holds
 * it per year).
 */
export function attributedSpend(
  programmes: Prisma.Sql,
  financialYear?: number | "each year" | { from: string; to: string },
): Prisma.Sql {
  if (typeof financialYear === "object") return attributedSpendBetween(programmes, financialYear);
  const named =
    financialYear === undefined
      ? Prisma.sql`coalesce(total."namedSpentPence", 0)`
      : financialYear === "each year"
        ? Prisma.sql`0::bigint`
        : Prisma.sql`coalesce((SELECT year."namedSpentPence" FROM "CommitmentYearTotal" year
                             WHERE year."commitmentId" = commitment.id AND year."financialYear" = ${financialYear}), 0)`;
  if (financialYear === undefined) {
    // Kept as each write commits (AttributedSpend).
    return Prisma.sql`${liveCommitments(programmes, named)}, attributed AS (
      SELECT share."commitmentId", NULL::int AS "financialYear", sum(share.pence)::bigint AS pence
      FROM "AttributedSpend" share WHERE share."programmeId" IN (${programmes}) GROUP BY 1
    )`;
  }
  const unnamed =
    financialYear === "each year"
      ? Prisma.sql`SELECT "costLineId", "financialYear", "unnamedSpentPence" FROM "CostLineYearTotal"`
      : Prisma.sql`SELECT "costLineId", "financialYear", "unnamedSpentPence" FROM "CostLineYearTotal"
                   WHERE "financialYear" = ${financialYear}`;
  return attributedFrom(programmes, named, unnamed);
}

function liveCommitments(programmes: Prisma.Sql, named: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`commitment AS (
      SELECT commitment.id, commitment."programmeId", commitment."fundId", commitment.title,
             commitment.status::text AS status, commitment."amountPence",
             coalesce(total."receivedPence", 0) AS received, coalesce(total."allocatedPence", 0) AS allocated,
             ${named} AS named
      FROM "FundingCommitment" commitment
      LEFT JOIN "CommitmentTotal" total ON total."commitmentId" = commitment.id
      WHERE commitment."programmeId" IN (${programmes}) AND commitment."retiredAt" IS NULL
    )`;
}

/**
 * The same split for spend between two days (a funder's claim period), added up from the
 * payments themselves: no running total is kept per arbitrary period.
 */
function attributedSpendBetween(programmes: Prisma.Sql, period: { from: string; to: string }): Prisma.Sql {
  const within = Prisma.sql`spend."retiredAt" IS NULL AND spend."spentOn" BETWEEN ${period.from}::date AND ${period.to}::date`;
  const named = Prisma.sql`coalesce((SELECT sum(spend."amountPence") FROM "Spend" spend
                                     WHERE spend."commitmentId" = commitment.id AND ${within}), 0)`;
  const unnamed = Prisma.sql`SELECT spend."costLineId", NULL::int AS "financialYear", sum(spend."amountPence") AS "unnamedSpentPence"
                             FROM "Spend" spend
                             WHERE spend."programmeId" IN (${programmes}) AND spend."commitmentId" IS NULL AND ${within}
                             GROUP BY 1`;
  return attributedFrom(programmes, named, unnamed);
}

/**
 * The split of fundline_attributed_spend (prisma/sql/attributed-spend.sql, which keeps it for
 * the whole of each line's spend), within each line's year or a claim's period.
 */
function attributedFrom(programmes: Prisma.Sql, named: Prisma.Sql, unnamed: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${liveCommitments(programmes, named)}, line_allocation AS (
      SELECT allocation."commitmentId", allocation."costLineId", sum(allocation."amountPence") AS pence
      FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
      WHERE line."programmeId" IN (${programmes}) AND allocation."retiredAt" IS NULL
      GROUP BY 1, 2
    ), line_total AS (
      SELECT "costLineId", sum(pence) AS pence, count(*) AS commitments FROM line_allocation GROUP BY 1
    ), share AS (
      SELECT share."commitmentId", share."costLineId", unnamed."financialYear", sign(unnamed."unnamedSpentPence") AS sign,
             abs(unnamed."unnamedSpentPence") AS whole,
             floor(abs(unnamed."unnamedSpentPence")::numeric * share.pence / total.pence)::bigint AS base,
             (abs(unnamed."unnamedSpentPence")::numeric * share.pence) % total.pence AS remainder
      FROM line_allocation share
      JOIN line_total total USING ("costLineId")
      JOIN (${unnamed}) unnamed USING ("costLineId")
      WHERE total.pence > 0 AND unnamed."unnamedSpentPence" <> 0 AND total.commitments > 1
    ), ranked AS (
      SELECT *,
             row_number() OVER (PARTITION BY "costLineId", "financialYear" ORDER BY remainder DESC, "commitmentId") AS place,
             whole - sum(base) OVER (PARTITION BY "costLineId", "financialYear") AS pennies_left
      FROM share
    ), attributed AS (
      SELECT "commitmentId", "financialYear", sum(pence)::bigint AS pence FROM (
        SELECT "commitmentId", "financialYear", sign * (base + CASE WHEN place <= pennies_left THEN 1 ELSE 0 END) AS pence
        FROM ranked
        UNION ALL
        -- A line only one commitment pays for: all of its spend is that commitment's, which the
        -- split above would also give, without its arithmetic and ranking (most lines are so).
        SELECT sole."commitmentId", unnamed."financialYear", unnamed."unnamedSpentPence"
        FROM line_allocation sole
        JOIN line_total total USING ("costLineId")
        JOIN (${unnamed}) unnamed USING ("costLineId")
        WHERE total.pence > 0 AND unnamed."unnamedSpentPence" <> 0 AND total.commitments = 1
      ) parts GROUP BY 1, 2
    )`;
}

/**
 * The CTEs of `attributedSpend` and `funded`: per programme, one funder's own commitments
 * (awarded or received), what they received and were allocated, and the spend attributed to them
 * (within the year, with one). What a list or a total shows when a funder is chosen.
 */
export function fundersShare(programmes: Prisma.Sql, funderId: string, financialYear?: number): Prisma.Sql {
  return Prisma.sql`${attributedSpend(programmes, financialYear)},
    funded AS (
      SELECT commitment."programmeId",
             sum(commitment."amountPence") FILTER (WHERE commitment.status IN ('awarded', 'received')) AS committed,
             sum(commitment.received) AS received, sum(commitment.allocated) AS allocated,
             sum(commitment.named + coalesce(attributed.pence, 0)) AS spent
      FROM commitment
      JOIN "Fund" fund ON fund.id = commitment."fundId"
      LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
      WHERE fund."funderId" = ${funderId}::uuid
      GROUP BY 1
    )`;
}

/** A year's profile against its spend within one slice of the programmes (see `profiledAgainstSpentBySlice`). */
export type YearSlice = {
  slice: number;
  financialYear: number;
  profiled: bigint;
  spent: bigint;
  /** Awarded funding is profiled for the year (though it may add up to nothing). */
  profiledFor: boolean;
};

/**
 * Each financial year: the awarded funding profiled for it against the spend in it; with a
 * funder chosen, that funder's profile and the spend attributed to it within each year. A year
 * with nothing profiled and spend that nets to nothing is no year of the programme's.
 */
export async function profiledAgainstSpent(
  db: Db,
  matching: Prisma.Sql,
  { funderId, year }: { funderId?: string; year?: number } = {},
): Promise<{ financialYear: string; profiledPence: number; spentPence: number }[]> {
  return yearsFromSlices(
    await profiledAgainstSpentBySlice(db, matching, { funderId, year, sliceOf: () => Prisma.sql`0` }),
  );
}

/** The years of `profiledAgainstSpent`, from its slices added together. */
export function yearsFromSlices(slices: YearSlice[]) {
  const years = new Map<number, { profiled: bigint; spent: bigint; profiledFor: boolean }>();
  for (const part of slices) {
    const year = years.get(part.financialYear) ?? { profiled: 0n, spent: 0n, profiledFor: false };
    year.profiled += part.profiled;
    year.spent += part.spent;
    year.profiledFor ||= part.profiledFor;
    years.set(part.financialYear, year);
  }
  return [...years]
    .filter(([, year]) => year.profiledFor || year.spent !== 0n)
    .sort(([a], [b]) => a - b)
    .map(([financialYear, year]) => ({
      financialYear: financialYearLabel(financialYear),
      profiledPence: penceFromBigInt(year.profiled),
      spentPence: penceFromBigInt(year.spent),
    }));
}

/**
 * `profiledAgainstSpent` added up within each slice of the programmes (`sliceOf` a programme's
 * id), so the dashboard can work out again just the slices a write changed.
 */
export async function profiledAgainstSpentBySlice(
  db: Db,
  matching: Prisma.Sql,
  { funderId, year, sliceOf }: { funderId?: string; year?: number; sliceOf: (programmeId: Prisma.Sql) => Prisma.Sql },
): Promise<YearSlice[]> {
  const ofFunder = funderId
    ? Prisma.sql`AND commitment."fundId" IN (SELECT id FROM "Fund" WHERE "funderId" = ${funderId}::uuid)`
    : Prisma.empty;
  const inYear = year === undefined ? Prisma.empty : Prisma.sql`AND "financialYear" = ${year}`;
  if (!funderId) {
    // Kept per programme and year as each write commits (ProgrammeYearFigure).
    return db.$queryRaw<YearSlice[]>`
      SELECT ${sliceOf(Prisma.sql`"programmeId"`)} AS slice, "financialYear", sum("profiledPence")::bigint AS profiled,
             sum("spentPence")::bigint AS spent, bool_or(profiled) AS "profiledFor"
      FROM "ProgrammeYearFigure" WHERE "programmeId" IN (${matching}) ${inYear}
      GROUP BY 1, 2`;
  }
  const spent = Prisma.sql`spent AS (
        SELECT slice, "financialYear", sum(pence) AS pence FROM (
          SELECT ${sliceOf(Prisma.sql`commitment."programmeId"`)} AS slice, attributed."financialYear", attributed.pence
          FROM attributed JOIN commitment ON commitment.id = attributed."commitmentId" WHERE TRUE ${ofFunder}
          UNION ALL
          SELECT ${sliceOf(Prisma.sql`commitment."programmeId"`)}, named."financialYear", named."namedSpentPence"
          FROM "CommitmentYearTotal" named JOIN commitment ON commitment.id = named."commitmentId" WHERE TRUE ${ofFunder}
        ) parts GROUP BY 1, 2
      )`;
  const rows = await db.$queryRaw<YearSlice[]>`
    WITH ${attributedSpend(matching, "each year")},
    profiled AS (
      SELECT ${sliceOf(Prisma.sql`commitment."programmeId"`)} AS slice, profile."financialYear", sum(profile."amountPence") AS pence
      FROM "CommitmentYearProfile" profile JOIN commitment ON commitment.id = profile."commitmentId"
      WHERE commitment.status IN ('awarded', 'received') ${ofFunder}
      GROUP BY 1, 2
    ), ${spent}
    SELECT slice, "financialYear", coalesce(profiled.pence, 0)::bigint AS profiled,
           coalesce(spent.pence, 0)::bigint AS spent, profiled.pence IS NOT NULL AS "profiledFor"
    FROM profiled FULL JOIN spent USING (slice, "financialYear")
    WHERE TRUE ${inYear}`;
  return rows;
}

/**
 * Each live commitment's amount, receipts, allocations and spend (attributed as `attributedSpend`
 * says). `withSpend: false` leaves the spend unread (0), for what needs only the rest.
 */
export async function commitmentFigures(
  db: Db,
  programmes: Prisma.Sql,
  { withSpend = true }: { withSpend?: boolean } = {},
): Promise<CommitmentFigures[]> {
  const rows = await db.$queryRaw<
    {
      programmeId: string;
      id: string;
      title: string;
      status: string;
      amountPence: bigint;
      receivedPence: bigint;
      allocatedPence: bigint;
      spentPence: bigint;
    }[]
  >`
    WITH ${attributedSpend(programmes)}
    SELECT commitment."programmeId"::text AS "programmeId", commitment.id::text AS id, commitment.title,
           commitment.status, commitment."amountPence", commitment.received::bigint AS "receivedPence",
           commitment.allocated::bigint AS "allocatedPence",
           ${withSpend ? Prisma.sql`(commitment.named + coalesce(attributed.pence, 0))::bigint` : Prisma.sql`0::bigint`} AS "spentPence"
    FROM commitment ${withSpend ? Prisma.sql`LEFT JOIN attributed ON attributed."commitmentId" = commitment.id` : Prisma.empty}
    ORDER BY commitment.title, commitment.id`;
  return rows.map((row) => ({
    programmeId: row.programmeId,
    id: row.id,
    title: row.title,
    status: row.status,
    amountPence: penceFromBigInt(row.amountPence),
    receivedPence: penceFromBigInt(row.receivedPence),
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
    overAllocated: row.allocatedPence > row.amountPence,
  }));
}

export type CostLineFigures = ProgrammeReconciliation["costLines"][number] & { programmeId: string };

/**
 * Each live cost line's allocations and spend. `problemsOnly` reads just the lines a flag is
 * raised for, through the partial index on exactly that condition.
 */
export async function costLineFigures(
  db: Db,
  programmes: Prisma.Sql,
  { problemsOnly }: { problemsOnly: boolean },
): Promise<CostLineFigures[]> {
  const rows = await db.$queryRaw<
    {
      programmeId: string;
      id: string;
      name: string;
      ledgerCode: string | null;
      ownerId: string;
      ownerName: string;
      allocatedPence: bigint;
      spentPence: bigint;
    }[]
  >`
    SELECT line."programmeId"::text AS "programmeId", line.id::text AS id, line.name, line."ledgerCode",
           owner.id::text AS "ownerId", owner.name AS "ownerName",
           coalesce(total."allocatedPence", 0) AS "allocatedPence", coalesce(total."spentPence", 0) AS "spentPence"
    ${
      problemsOnly
        ? Prisma.sql`FROM "CostLineTotal" total JOIN "CostLine" line ON line.id = total."costLineId"`
        : Prisma.sql`FROM "CostLine" line LEFT JOIN "CostLineTotal" total ON total."costLineId" = line.id`
    }
    JOIN "Programme" programme ON programme.id = line."programmeId"
    -- No owner recorded: the lead's (lib/ownership.ts asks the same before a write).
    JOIN "Organisation" owner ON owner.id = COALESCE(line."ownerOrganisationId", programme."leadOrganisationId")
    WHERE line."programmeId" IN (${programmes}) AND line."retiredAt" IS NULL
    ${
      problemsOnly
        ? Prisma.sql`AND total."spentPence" <> 0 AND (total."allocatedPence" = 0 OR total."spentPence" > total."allocatedPence")`
        : Prisma.empty
    }
    ORDER BY line.name, line.id`;
  return rows.map((row) => ({
    programmeId: row.programmeId,
    id: row.id,
    name: row.name,
    ledgerCode: row.ledgerCode,
    owner: { id: row.ownerId, name: row.ownerName },
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
    variancePence: penceFromBigInt(row.allocatedPence - row.spentPence),
  }));
}

export type CostSharingFigures = ProgrammeReconciliation["costSharing"][number] & { programmeId: string };

/**
 * Each partner's due share of the spend an agreement covers (its line, or the whole programme,
 * within its dates), split by parts exact to the penny, against what it paid. The covered
 * spend and each payer's part of it are running totals (CostSharingTotal and
 * CostSharingPaymentTotal), so this reads a row or two per agreement, never its spend rows.
 */
export async function costSharingFigures(db: Db, programmes: Prisma.Sql): Promise<CostSharingFigures[]> {
  const rows = await db.$queryRaw<
    {
      programmeId: string;
      agreementId: string;
      agreementName: string;
      ownerId: string;
      ownerName: string;
      spentPence: bigint;
      organisationId: string;
      organisationName: string;
      parts: number;
      duePence: bigint;
      paidPence: bigint;
    }[]
  >`
    WITH agreement AS (
      SELECT agreement.id, agreement."programmeId", agreement.name,
             COALESCE(agreement."ownerOrganisationId", programme."leadOrganisationId") AS owner_id
      FROM "CostSharingAgreement" agreement JOIN "Programme" programme ON programme.id = agreement."programmeId"
      WHERE agreement."programmeId" IN (${programmes}) AND agreement."retiredAt" IS NULL
    ), total AS (
      SELECT agreement.id AS "agreementId", coalesce(kept."spentPence", 0) AS pence
      FROM agreement LEFT JOIN "CostSharingTotal" kept ON kept."agreementId" = agreement.id
    ), share AS (
      SELECT share."agreementId", share."organisationId", share.parts, total.pence AS spent,
             sign(total.pence) AS sign, abs(total.pence) AS whole,
             floor(abs(total.pence)::numeric * share.parts / sum(share.parts) OVER w)::bigint AS base,
             (abs(total.pence)::numeric * share.parts) % sum(share.parts) OVER w AS remainder
      FROM "CostShare" share JOIN total USING ("agreementId")
      WINDOW w AS (PARTITION BY share."agreementId")
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY "agreementId" ORDER BY remainder DESC, "organisationId") AS place,
             whole - sum(base) OVER (PARTITION BY "agreementId") AS pennies_left
      FROM share
    )
    SELECT agreement."programmeId"::text AS "programmeId", agreement.id::text AS "agreementId",
           agreement.name AS "agreementName", owner.id::text AS "ownerId", owner.name AS "ownerName",
           ranked.spent::bigint AS "spentPence",
           organisation.id::text AS "organisationId", organisation.name AS "organisationName", ranked.parts,
           (ranked.sign * (ranked.base + CASE WHEN ranked.place <= ranked.pennies_left THEN 1 ELSE 0 END))::bigint AS "duePence",
           coalesce(paid."paidPence", 0)::bigint AS "paidPence"
    FROM ranked
    JOIN agreement ON agreement.id = ranked."agreementId"
    JOIN "Organisation" owner ON owner.id = agreement.owner_id
    JOIN "Organisation" organisation ON organisation.id = ranked."organisationId"
    LEFT JOIN "CostSharingPaymentTotal" paid
      ON paid."agreementId" = ranked."agreementId" AND paid."organisationId" = ranked."organisationId"
    ORDER BY agreement.name, agreement.id, ranked.parts DESC, organisation.name`;

  // One entry per agreement with its partners' rows (already in order from the query).
  const agreements = new Map<string, CostSharingFigures>();
  for (const row of rows) {
    const agreement = agreements.get(row.agreementId) ?? {
      programmeId: row.programmeId,
      agreementId: row.agreementId,
      name: row.agreementName,
      owner: { id: row.ownerId, name: row.ownerName },
      spentPence: penceFromBigInt(row.spentPence),
      partners: [],
    };
    const duePence = penceFromBigInt(row.duePence);
    const paidPence = penceFromBigInt(row.paidPence);
    agreement.partners.push({
      organisation: { id: row.organisationId, name: row.organisationName },
      parts: row.parts,
      percentage: 0,
      duePence,
      paidPence,
      differencePence: paidPence - duePence,
    });
    agreements.set(row.agreementId, agreement);
  }
  for (const agreement of agreements.values()) {
    const percentages = partsAsPercentages(agreement.partners.map((partner) => partner.parts));
    agreement.partners.forEach((partner, index) => {
      partner.percentage = percentages[index] ?? 0;
    });
  }
  return [...agreements.values()];
}

export type CapitalOutsideYear = {
  programmeId: string;
  commitmentId: string;
  title: string;
  financialYear: string;
  spentPence: number;
};

/**
 * Spend a capital commitment pays for (charged to it by name, or unnamed on a line it is
 * allocated to) in financial years its profile does not cover, from the per-year totals.
 */
export async function capitalOutsideYear(db: Db, programmes: Prisma.Sql): Promise<CapitalOutsideYear[]> {
  const rows = await db.$queryRaw<
    { programmeId: string; commitmentId: string; title: string; financialYear: number; spentPence: bigint }[]
  >`
    WITH capital AS (
      SELECT commitment.id, commitment."programmeId", commitment.title FROM "FundingCommitment" commitment
      JOIN "Fund" fund ON fund.id = commitment."fundId"
      WHERE commitment."programmeId" IN (${programmes}) AND commitment."retiredAt" IS NULL
        AND fund."fundType" = 'capital' AND commitment.status IN ('awarded', 'received')
    )
    SELECT capital."programmeId"::text AS "programmeId", capital.id::text AS "commitmentId", capital.title,
           funded."financialYear", sum(funded.pence)::bigint AS "spentPence"
    -- Per commitment (LATERAL), so every lookup is by index: its named yearly totals, and the
    -- unnamed yearly totals of the lines it is allocated to.
    FROM capital CROSS JOIN LATERAL (
      SELECT year."financialYear", year."namedSpentPence" AS pence
      FROM "CommitmentYearTotal" year WHERE year."commitmentId" = capital.id
      UNION ALL
      SELECT year."financialYear", year."unnamedSpentPence"
      FROM (SELECT DISTINCT "costLineId" FROM "Allocation" WHERE "commitmentId" = capital.id AND "retiredAt" IS NULL) line
      JOIN "CostLineYearTotal" year ON year."costLineId" = line."costLineId"
    ) funded
    WHERE NOT EXISTS (SELECT 1 FROM "CommitmentYearProfile" profile
                      WHERE profile."commitmentId" = capital.id AND profile."financialYear" = funded."financialYear")
    GROUP BY 1, 2, 3, 4
    HAVING sum(funded.pence) <> 0
    ORDER BY 3, 4`;
  return rows.map((row) => ({
    programmeId: row.programmeId,
    commitmentId: row.commitmentId,
    title: row.title,
    financialYear: financialYearLabel(row.financialYear),
    spentPence: penceFromBigInt(row.spentPence),
  }));
}

export type SpendOutsideDates = {
  programmeId: string;
  payments: number;
  spentPence: number;
  firstOn: string;
  lastOn: string;
};

/**
 * Each programme's live payments dated before its start or after its end (the rule is the
 * database's, prisma/sql/programme-findings.sql; PostgreSQL inlines it, so this reads two index
 * ranges per programme on (programmeId, spentOn), and no spend row inside the dates).
 */
export async function spendOutsideDates(db: Db, programmes: Prisma.Sql): Promise<SpendOutsideDates[]> {
  const rows = await db.$queryRaw<
    { programmeId: string; payments: number; spentPence: bigint; firstOn: Date; lastOn: Date }[]
  >`
    SELECT programme.id::text AS "programmeId", outside.payments, outside."spentPence", outside."firstOn", outside."lastOn"
    FROM "Programme" programme
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS payments, sum(spend."amountPence")::bigint AS "spentPence",
             min(spend."spentOn") AS "firstOn", max(spend."spentOn") AS "lastOn"
      FROM "Spend" spend
      WHERE spend."programmeId" = programme.id AND spend."retiredAt" IS NULL
        AND fundline_spent_outside_programme_dates(spend."spentOn", programme."startOn", programme."endOn")
    ) outside
    WHERE programme.id IN (${programmes}) AND (programme."startOn" IS NOT NULL OR programme."endOn" IS NOT NULL)
      AND outside.payments > 0`;
  return rows.map((row) => ({
    programmeId: row.programmeId,
    payments: row.payments,
    spentPence: penceFromBigInt(row.spentPence),
    firstOn: toIsoDate(row.firstOn),
    lastOn: toIsoDate(row.lastOn),
  }));
}

export type LargePayment = {
  programmeId: string;
  spendId: string;
  lineName: string;
  spentOn: string;
  amountPence: number;
  allocatedPence: number;
};

/**
 * Single payments larger than the whole allocation of their line, at most 1,000 a programme (the
 * largest; the kept findings count as many). Such a line is overspent, so only overspent lines
 * are looked at (through the partial index on exactly that), and within each only its payments
 * larger than its allocation (by index on costLineId).
 */
export async function largePayments(db: Db, programmes: Prisma.Sql): Promise<LargePayment[]> {
  const rows = await db.$queryRaw<
    {
      programmeId: string;
      spendId: string;
      lineName: string;
      spentOn: Date;
      amountPence: bigint;
      allocatedPence: bigint;
    }[]
  >`
    SELECT "programmeId", "spendId", "lineName", "spentOn", "amountPence", "allocatedPence"
    FROM (
      SELECT line."programmeId"::text AS "programmeId", spend.id::text AS "spendId", line.name AS "lineName",
             spend."spentOn", spend."amountPence", total."allocatedPence",
             row_number() OVER (PARTITION BY line."programmeId" ORDER BY spend."amountPence" DESC, spend.id) AS place
      FROM "CostLineTotal" total
      JOIN "CostLine" line ON line.id = total."costLineId"
      JOIN "Spend" spend ON spend."costLineId" = line.id
      WHERE total."spentPence" <> 0 AND (total."allocatedPence" = 0 OR total."spentPence" > total."allocatedPence")
        AND total."allocatedPence" > 0 AND line."programmeId" IN (${programmes}) AND line."retiredAt" IS NULL
        AND spend."retiredAt" IS NULL AND spend."amountPence" > total."allocatedPence"
    ) large
    WHERE place <= 1000
    ORDER BY "amountPence" DESC, "spendId"`;
  return rows.map((row) => ({
    programmeId: row.programmeId,
    spendId: row.spendId,
    lineName: row.lineName,
    spentOn: toIsoDate(row.spentOn),
    amountPence: penceFromBigInt(row.amountPence),
    allocatedPence: penceFromBigInt(row.allocatedPence),
  }));
}
