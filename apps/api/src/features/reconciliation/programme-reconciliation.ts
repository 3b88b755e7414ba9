import type { PrismaClient } from "@fundline/db";
import { penceFromBigInt, reconciliationFlags, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { ProgrammeReconciliation } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import { type FigureReader, readAsAt } from "../../lib/as-at.ts";
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
export function reconcileProgramme(
  prisma: PrismaClient,
  programmeId: string,
  { asAt, today }: { asAt?: string; today?: Date } = {},
): Promise<ProgrammeReconciliation> {
  return readAsAt(
    prisma,
    asAt,
    (db, moment) =>
      // The day the flags are judged on, as the portfolio judges it (a UTC day); as at a moment,
      // the day it ends (the day asked for, when a day was).
      reconcileFrom(
        db,
        programmeId,
        toIsoDate(moment ? new Date(moment.getTime() - 1) : (today ?? new Date())),
        moment,
      ),
    { programmeId },
  );
}

/**
 * The reconciliation from whichever rows `db` reads: the live tables, or (as at a moment) the
 * copies of them as they were. Raw SQL throughout, with unqualified table names, so both read
 * the same way.
 */
async function reconcileFrom(
  db: FigureReader,
  programmeId: string,
  today: string,
  asAt: Date | null,
): Promise<ProgrammeReconciliation> {
  const [programme] = await db.$queryRaw<{ totalCostPence: bigint | null; startOn: Date | null; endOn: Date | null }[]>`
    SELECT "totalCostPence", "startOn", "endOn" FROM "Programme" WHERE id = ${programmeId}::uuid`;
  if (!programme) throw new NotFound("Programme", programmeId);

  const programmes = oneProgramme(programmeId);
  const [[totals], [claimed], commitments, costLines, years, costSharing, capital, [outside], large] =
    await Promise.all([
      db.$queryRaw<{ committedPence: bigint }[]>`
      SELECT "committedPence" FROM "ProgrammeTotal" WHERE "programmeId" = ${programmeId}::uuid`,
      // Claimed from funders and not yet paid (by a receipt).
      db.$queryRaw<{ pence: bigint }[]>`
      SELECT coalesce(sum(claim."amountPence"), 0)::bigint AS pence
      FROM "FunderClaim" claim JOIN "FundingCommitment" commitment ON commitment.id = claim."commitmentId"
      WHERE commitment."programmeId" = ${programmeId}::uuid AND commitment."retiredAt" IS NULL
        AND claim."retiredAt" IS NULL AND claim."receiptId" IS NULL`,
      commitmentFigures(db, programmes),
      costLineFigures(db, programmes, { problemsOnly: false }),
      profiledAgainstSpent(db, programmes),
      costSharingFigures(db, programmes),
      capitalOutsideYear(db, programmes),
      spendOutsideDates(db, programmes),
      largePayments(db, programmes),
    ]);

  const committedPence = penceFromBigInt(totals?.committedPence ?? 0n);
  const totalCostPence = programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence);
  const withoutProgramme = <Row extends { programmeId: string }>({ programmeId: _, ...row }: Row) => row;

  return {
    programmeId,
    asAt: asAt?.toISOString() ?? null,
    claimedNotReceivedPence: penceFromBigInt(claimed?.pence ?? 0n),
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
      today,
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
