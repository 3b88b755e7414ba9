import { Prisma, type PrismaClient } from "@fundline/db";
import {
  FLAG_SEVERITY,
  penceFromBigInt,
  reconciliationFlags,
  toIsoDate,
  toIsoDateOrNull,
  UNSPENT_WARNING_DAYS,
} from "@fundline/domain";
import type { FlagCode, PortfolioFlag, PortfolioReconciliation, PortfolioReconciliationQuery } from "@fundline/schemas";
import type { Scope } from "../../plugins/scope.ts";
import { programmeFilter } from "../programmes/list-programmes.ts";
import { capitalOutsideYear, commitmentFigures, costLineFigures, costSharingFigures } from "./figures.ts";

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * Every open flag across the programmes the caller can see. Each rule's candidates are found
 * in SQL from the running totals (partial indexes hold just the rows a flag is raised for), so
 * the cost follows the number of problems, not the number of spend rows; the same rules as a
 * programme's own reconciliation then decide and word each flag.
 */
export async function reconcilePortfolio(
  prisma: PrismaClient,
  query: PortfolioReconciliationQuery,
  scope: Scope,
  today = new Date(),
): Promise<PortfolioReconciliation> {
  const todayIso = toIsoDate(today);
  const matching = Prisma.sql`SELECT programme.id FROM "Programme" programme ${programmeFilter({
    scope,
    organisationId: query.organisationId,
    funderId: query.funderId,
    financialYear: query.financialYear,
  })}`;

  const [[money], candidates, overAllocated, costLines, costSharing, capital] = await Promise.all([
    prisma.$queryRaw<
      {
        programmes: bigint;
        totalCostPence: bigint;
        committedPence: bigint;
        spentPence: bigint;
        shortfallPence: bigint;
      }[]
    >`
      SELECT count(*)::bigint AS programmes,
             coalesce(sum(programme."totalCostPence"), 0)::bigint AS "totalCostPence",
             coalesce(sum(total."committedPence"), 0)::bigint AS "committedPence",
             coalesce(sum(total."spentPence"), 0)::bigint AS "spentPence",
             coalesce(sum(greatest(programme."totalCostPence" - coalesce(total."committedPence", 0), 0)), 0)::bigint AS "shortfallPence"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})`,
    // Not fully funded, or ending within the warning window (their commitments are read below).
    prisma.$queryRaw<{ id: string; nearEnd: boolean }[]>`
      SELECT programme.id::text AS id,
             programme."endOn" BETWEEN ${todayIso}::date AND ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int AS "nearEnd"
      FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
      WHERE programme.id IN (${matching})
        AND (programme."totalCostPence" > coalesce(total."committedPence", 0)
             OR programme."endOn" BETWEEN ${todayIso}::date AND ${todayIso}::date + ${UNSPENT_WARNING_DAYS}::int)`,
    prisma.$queryRaw<{ programmeId: string }[]>`
      SELECT DISTINCT commitment."programmeId"::text AS "programmeId"
      FROM "CommitmentTotal" total JOIN "FundingCommitment" commitment ON commitment.id = total."commitmentId"
      WHERE total."allocatedPence" > total."amountPence" AND commitment."retiredAt" IS NULL
        AND commitment."programmeId" IN (${matching})`,
    costLineFigures(prisma, matching, { problemsOnly: true }),
    costSharingFigures(
      prisma,
      Prisma.sql`SELECT "programmeId" FROM "CostSharingAgreement" WHERE "retiredAt" IS NULL AND "programmeId" IN (${matching})`,
    ),
    capitalOutsideYear(prisma, matching),
  ]);

  // Every commitment of a programme near its end (money at risk) or with one over-allocated.
  const commitmentProgrammes = [
    ...new Set([
      ...candidates.filter((candidate) => candidate.nearEnd).map((candidate) => candidate.id),
      ...overAllocated.map((row) => row.programmeId),
    ]),
  ];
  const commitments = commitmentProgrammes.length
    ? await commitmentFigures(prisma, Prisma.sql`SELECT unnest(${commitmentProgrammes}::uuid[])`)
    : [];

  const programmeIds = [
    ...new Set([
      ...candidates.map((candidate) => candidate.id),
      ...commitmentProgrammes,
      ...costLines.map((line) => line.programmeId),
      ...costSharing.map((agreement) => agreement.programmeId),
      ...capital.map((row) => row.programmeId),
    ]),
  ];
  const programmes = programmeIds.length
    ? await prisma.$queryRaw<
        { id: string; name: string; totalCostPence: bigint | null; committedPence: bigint; endOn: Date | null }[]
      >`
        SELECT programme.id::text AS id, programme.name, programme."totalCostPence", programme."endOn",
               coalesce(total."committedPence", 0)::bigint AS "committedPence"
        FROM "Programme" programme LEFT JOIN "ProgrammeTotal" total ON total."programmeId" = programme.id
        WHERE programme.id = ANY(${programmeIds}::uuid[])`
    : [];

  const byProgramme = {
    commitments: groupBy(commitments),
    costLines: groupBy(costLines),
    costSharing: groupBy(costSharing),
    capital: groupBy(
      query.financialYear ? capital.filter((row) => row.financialYear === query.financialYear) : capital,
    ),
  };

  const allFlags: PortfolioFlag[] = programmes.flatMap((programme) =>
    reconciliationFlags({
      programmeId: programme.id,
      totalCostPence: programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence),
      committedPence: penceFromBigInt(programme.committedPence),
      endOn: toIsoDateOrNull(programme.endOn),
      today: todayIso,
      commitments: (byProgramme.commitments.get(programme.id) ?? []).map((commitment) => ({
        ...commitment,
        awarded: commitment.status === "awarded" || commitment.status === "received",
      })),
      costLines: byProgramme.costLines.get(programme.id) ?? [],
      costSharing: byProgramme.costSharing.get(programme.id) ?? [],
      capitalOutsideYear: byProgramme.capital.get(programme.id) ?? [],
    }).map((flag) => ({ ...flag, programme: { id: programme.id, name: programme.name } })),
  );

  const flags = allFlags
    .filter(
      (flag) => (!query.severity || flag.severity === query.severity) && (!query.code || flag.code === query.code),
    )
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.programme.name.localeCompare(b.programme.name) ||
        a.programme.id.localeCompare(b.programme.id),
    );

  const count = (keep: (flag: PortfolioFlag) => boolean) => flags.filter(keep).length;
  return {
    flags: flags.slice((query.page - 1) * query.pageSize, query.page * query.pageSize),
    total: flags.length,
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      programmes: Number(money?.programmes ?? 0),
      programmesFlagged: new Set(flags.map((flag) => flag.programme.id)).size,
      flags: flags.length,
      bySeverity: {
        high: count((flag) => flag.severity === "high"),
        medium: count((flag) => flag.severity === "medium"),
        low: count((flag) => flag.severity === "low"),
      },
      byCode: (Object.keys(FLAG_SEVERITY) as FlagCode[])
        .map((code) => ({ code, severity: FLAG_SEVERITY[code], count: count((flag) => flag.code === code) }))
        .filter((entry) => entry.count > 0),
      totalCostPence: penceFromBigInt(money?.totalCostPence ?? 0n),
      committedPence: penceFromBigInt(money?.committedPence ?? 0n),
      spentPence: penceFromBigInt(money?.spentPence ?? 0n),
      shortfallPence: penceFromBigInt(money?.shortfallPence ?? 0n),
    },
  };
}

function groupBy<Row extends { programmeId: string }>(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.programmeId);
    if (group) group.push(row);
    else groups.set(row.programmeId, [row]);
  }
  return groups;
}
