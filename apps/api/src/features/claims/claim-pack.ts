// A funder's claim pack for one commitment and a period: the money awarded, received, spent
// (attributed as the dashboard attributes it) and claimed, the payments behind it, the
// milestones and deliverables due or met in the period with their evidence, and the variance
// explained. Added up by PostgreSQL; the same pack is shown, printed and sent as a workbook.
import { Prisma, type PrismaClient } from "@fundline/db";
import {
  financialYearLabel,
  financialYearOf,
  formatPence,
  penceFromBigInt,
  toIsoDate,
  toIsoDateOrNull,
} from "@fundline/domain";
import type { ClaimPack } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import { attributedSpend, oneProgramme } from "../programme-figures/index.ts";
import { claimsOf } from "./claims.ts";

/** Payments listed in one pack at most; a longer period is better claimed in parts. */
export const PAYMENTS_IN_A_PACK = 20_000;

export async function claimPack(
  prisma: PrismaClient,
  commitmentId: string,
  period: { from: string; to: string },
): Promise<ClaimPack> {
  const commitment = await prisma.fundingCommitment.findUnique({
    where: { id: commitmentId },
    include: { fund: { include: { funder: true } }, programme: { select: { id: true, name: true } } },
  });
  if (!commitment) throw new NotFound("Commitment", commitmentId);
  const { from, to } = period;
  const programmeId = commitment.programmeId;
  const [[money], payments, milestones, deliverables, claims] = await Promise.all([
    prisma.$queryRaw<
      {
        profiled: bigint;
        receivedInPeriod: bigint;
        receivedToDate: bigint;
        spent: bigint;
        claimedInPeriod: bigint;
        claimedNotReceived: bigint;
      }[]
    >`
      ${programmeId ? Prisma.sql`WITH ${attributedSpend(oneProgramme(programmeId), period)}` : Prisma.empty}
      SELECT
        (SELECT coalesce(sum("amountPence"), 0) FROM "CommitmentYearProfile"
         WHERE "commitmentId" = ${commitmentId}::uuid
           AND "financialYear" BETWEEN ${financialYearOf(from)} AND ${financialYearOf(to)})::bigint AS profiled,
        (SELECT coalesce(sum("amountPence"), 0) FROM "Receipt" WHERE "commitmentId" = ${commitmentId}::uuid
           AND "retiredAt" IS NULL AND "receivedOn" BETWEEN ${from}::date AND ${to}::date)::bigint AS "receivedInPeriod",
        (SELECT coalesce(sum("amountPence"), 0) FROM "Receipt" WHERE "commitmentId" = ${commitmentId}::uuid
           AND "retiredAt" IS NULL AND "receivedOn" <= ${to}::date)::bigint AS "receivedToDate",
        ${
          programmeId
            ? Prisma.sql`(SELECT coalesce(commitment.named + coalesce(attributed.pence, 0), 0) FROM commitment
                 LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
                 WHERE commitment.id = ${commitmentId}::uuid)::bigint`
            : Prisma.sql`0::bigint`
        } AS spent,
        (SELECT coalesce(sum("amountPence"), 0) FROM "FunderClaim" WHERE "commitmentId" = ${commitmentId}::uuid
           AND "retiredAt" IS NULL AND "periodFrom" >= ${from}::date AND "periodTo" <= ${to}::date)::bigint AS "claimedInPeriod",
        (SELECT coalesce(sum("amountPence"), 0) FROM "FunderClaim" WHERE "commitmentId" = ${commitmentId}::uuid
           AND "retiredAt" IS NULL AND "receiptId" IS NULL)::bigint AS "claimedNotReceived"`,
    prisma.$queryRaw<
      {
        spentOn: Date;
        supplierName: string;
        amountPence: bigint;
        costLine: string;
        reference: string | null;
        named: boolean;
        share: number;
      }[]
    >`
      WITH line_share AS (
        SELECT allocation."costLineId",
               sum(allocation."amountPence") FILTER (WHERE allocation."commitmentId" = ${commitmentId}::uuid) AS mine,
               sum(allocation."amountPence") AS whole
        FROM "Allocation" allocation
        WHERE allocation."retiredAt" IS NULL AND allocation."costLineId" IN (
          SELECT "costLineId" FROM "Allocation" WHERE "commitmentId" = ${commitmentId}::uuid AND "retiredAt" IS NULL)
        GROUP BY 1
      )
      SELECT spend."spentOn", spend."supplierName", spend."amountPence", line.name AS "costLine", spend.reference,
             spend."commitmentId" IS NOT NULL AS named,
             CASE WHEN spend."commitmentId" IS NOT NULL THEN 100
                  ELSE round(100 * share.mine::numeric / nullif(share.whole, 0), 2)::float8 END AS share
      FROM "Spend" spend
      JOIN "CostLine" line ON line.id = spend."costLineId"
      LEFT JOIN line_share share ON share."costLineId" = spend."costLineId"
      WHERE spend."retiredAt" IS NULL AND spend."spentOn" BETWEEN ${from}::date AND ${to}::date
        AND (spend."commitmentId" = ${commitmentId}::uuid
             OR (spend."commitmentId" IS NULL AND share.mine > 0))
      ORDER BY spend."spentOn", spend.id
      LIMIT ${PAYMENTS_IN_A_PACK}`,
    programmeId
      ? prisma.milestone.findMany({
          where: {
            programmeId,
            retiredAt: null,
            OR: [
              { actualOn: { gte: new Date(from), lte: new Date(to) } },
              { forecastOn: { gte: new Date(from), lte: new Date(to) } },
              { forecastOn: null, baselineOn: { gte: new Date(from), lte: new Date(to) } },
            ],
          },
          orderBy: [{ baselineOn: "asc" }, { id: "asc" }],
          take: 1_000,
        })
      : Promise.resolve([]),
    programmeId
      ? prisma.deliverableTarget.findMany({
          where: { programmeId, retiredAt: null, dueOn: { gte: new Date(from), lte: new Date(to) } },
          orderBy: [{ dueOn: "asc" }, { id: "asc" }],
          take: 1_000,
        })
      : Promise.resolve([]),
    claimsOf(prisma, commitmentId),
  ]);

  const profiledPence = penceFromBigInt(money?.profiled ?? 0n);
  const spentPence = penceFromBigInt(money?.spent ?? 0n);
  return {
    commitment: {
      id: commitment.id,
      title: commitment.title,
      funder: commitment.fund.funder.name,
      fund: commitment.fund.name,
      programme: commitment.programme,
      awardedOn: toIsoDateOrNull(commitment.awardedOn),
      conditions: commitment.conditions,
    },
    period,
    money: {
      awardedPence: penceFromBigInt(commitment.amountPence),
      profiledPence,
      receivedInPeriodPence: penceFromBigInt(money?.receivedInPeriod ?? 0n),
      receivedToDatePence: penceFromBigInt(money?.receivedToDate ?? 0n),
      spentInPeriodPence: spentPence,
      claimedInPeriodPence: penceFromBigInt(money?.claimedInPeriod ?? 0n),
      claimedNotReceivedPence: penceFromBigInt(money?.claimedNotReceived ?? 0n),
    },
    payments: payments.map((payment) => ({
      spentOn: toIsoDate(payment.spentOn),
      supplierName: payment.supplierName,
      amountPence: penceFromBigInt(payment.amountPence),
      costLine: payment.costLine,
      reference: payment.reference,
      named: payment.named,
      lineSharePercentage: Number(payment.share ?? 0),
    })),
    milestones: milestones.map((milestone) => {
      const met = milestone.status === "met";
      return {
        description: milestone.description,
        dueOn: toIsoDate(milestone.forecastOn ?? milestone.baselineOn),
        status: milestone.status,
        actualOn: toIsoDateOrNull(milestone.actualOn),
        evidence: milestone.evidence,
        met,
      };
    }),
    deliverables: deliverables.map((deliverable) => ({
      description: deliverable.description,
      dueOn: toIsoDateOrNull(deliverable.dueOn),
      targetCount: deliverable.targetCount,
      achievedCount: deliverable.achievedCount,
      met: deliverable.achievedCount >= deliverable.targetCount,
    })),
    variance: {
      profiledPence,
      spentPence,
      variancePence: profiledPence - spentPence,
      explanation: varianceInWords(profiledPence, spentPence, period),
    },
    claims,
  };
}

/** The variance as a sentence: what was profiled for the years the period falls in, and spent in it. */
export function varianceInWords(profiledPence: number, spentPence: number, period: { from: string; to: string }) {
  const years =
    financialYearOf(period.from) === financialYearOf(period.to)
      ? financialYearLabel(financialYearOf(period.from))
      : `${financialYearLabel(financialYearOf(period.from))} to ${financialYearLabel(financialYearOf(period.to))}`;
  const wholeYears =
    period.from.endsWith("-04-01") &&
    period.to.endsWith("-03-31") &&
    financialYearOf(period.to) >= financialYearOf(period.from);
  const basis = wholeYears ? "" : ` The profile is by financial year: the period is part of ${years}.`;
  if (profiledPence === 0) {
    return `Nothing was profiled for ${years}; ${formatPence(spentPence)} was spent in the period.${basis}`;
  }
  const difference = profiledPence - spentPence;
  const share = Math.round((Math.abs(difference) * 1000) / profiledPence) / 10;
  if (difference === 0) return `Spent exactly the ${formatPence(profiledPence)} profiled for ${years}.${basis}`;
  return difference > 0
    ? `Spent ${formatPence(spentPence)} of the ${formatPence(profiledPence)} profiled for ${years}: ${formatPence(difference)} (${share}%) underspent.${basis}`
    : `Spent ${formatPence(spentPence)} against the ${formatPence(profiledPence)} profiled for ${years}: ${formatPence(-difference)} (${share}%) overspent.${basis}`;
}
