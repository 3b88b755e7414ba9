import type { PrismaClient } from "@fundline/db";
import { penceFromBigInt, reconciliationFlags, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { ProgrammeReconciliation } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import {
  capitalOutsideYear,
  commitmentFigures,
  costLineFigures,
  costSharingFigures,
  largePayments,
  oneProgramme,
  profiledAgainstSpent,
  spendOutsideDates,
} from "../programme-figures/index.ts";

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
    profiledAgainstSpent(prisma, programmes),
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
    financialYears: years,
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
