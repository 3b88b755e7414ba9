import type { PrismaClient } from "@fundline/db";
import { financialYearLabel, penceFromBigInt, reconciliationFlags, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { ProgrammeReconciliation } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import {
  capitalOutsideYear,
  commitmentFigures,
  costLineFigures,
  costSharingFigures,
  largePayments,
  oneProgramme,
  spendOutsideDates,
} from "./figures.ts";

/** A programme's money, reconciled in SQL, with the flags its figures raise. */
export async function reconcileProgramme(
  prisma: PrismaClient,
  programmeId: string,
  today = new Date(),
): Promise<ProgrammeReconciliation> {
  const programme = await prisma.programme.findUnique({
    where: { id: programmeId },
    select: { totalCostPence: true, startOn: true, endOn: true },
  });
  if (!programme) throw new NotFound("Programme", programmeId);

  const programmes = oneProgramme(programmeId);
  const [totals, commitments, costLines, years, costSharing, capital, [outside], large] = await Promise.all([
    prisma.programmeTotal.findUnique({ where: { programmeId } }),
    commitmentFigures(prisma, programmes),
    costLineFigures(prisma, programmes, { problemsOnly: false }),
    // Profiled by the commitments, spent from the per-line yearly totals.
    prisma.$queryRaw<{ financialYear: number; profiledPence: bigint; spentPence: bigint }[]>`
      WITH profiled AS (
        SELECT profile."financialYear", sum(profile."amountPence") AS pence
        FROM "CommitmentYearProfile" profile
        JOIN "FundingCommitment" commitment ON commitment.id = profile."commitmentId"
        WHERE commitment."programmeId" = ${programmeId}::uuid AND commitment."retiredAt" IS NULL
          AND commitment.status IN ('awarded', 'received')
        GROUP BY 1
      ), spent AS (
        SELECT year."financialYear", sum(year."spentPence") AS pence
        FROM "CostLineYearTotal" year JOIN "CostLine" line ON line.id = year."costLineId"
        WHERE line."programmeId" = ${programmeId}::uuid
        GROUP BY 1 HAVING sum(year."spentPence") <> 0
      )
      SELECT "financialYear", coalesce(profiled.pence, 0)::bigint AS "profiledPence",
             coalesce(spent.pence, 0)::bigint AS "spentPence"
      FROM profiled FULL OUTER JOIN spent USING ("financialYear")
      ORDER BY "financialYear"`,
    costSharingFigures(prisma, programmes),
    capitalOutsideYear(prisma, programmes),
    spendOutsideDates(prisma, programmes),
    largePayments(prisma, programmes),
  ]);

  const committedPence = penceFromBigInt(totals?.committedPence ?? 0n);
  const totalCostPence = programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence);
  const withoutProgramme = <Row extends { programmeId: string }>({ programmeId: _, ...row }: Row) => row;

  return {
    programmeId,
    totalCostPence,
    committedPence,
    gapPence: totalCostPence === null ? null : totalCostPence - committedPence,
    commitments: commitments.map(withoutProgramme),
    costLines: costLines.map(withoutProgramme),
    costSharing: costSharing.map(withoutProgramme),
    financialYears: years.map((row) => ({
      financialYear: financialYearLabel(row.financialYear),
      profiledPence: penceFromBigInt(row.profiledPence),
      spentPence: penceFromBigInt(row.spentPence),
    })),
    flags: reconciliationFlags({
      programmeId,
      totalCostPence,
      committedPence,
      startOn: toIsoDateOrNull(programme.startOn),
      endOn: toIsoDateOrNull(programme.endOn),
      today: toIsoDate(today),
      commitments: commitments.map((commitment) => ({
        ...commitment,
        awarded: commitment.status === "awarded" || commitment.status === "received",
      })),
      costLines,
      costSharing,
      capitalOutsideYear: capital,
      spendOutsideDates: outside ?? null,
      largePayments: large,
    }),
  };
}
