import type { PrismaClient } from "@fundline/db";
import {
  financialYearLabel,
  partsAsPercentages,
  penceFromBigInt,
  reconciliationFlags,
  toIsoDate,
  toIsoDateOrNull,
} from "@fundline/domain";
import type { ProgrammeReconciliation } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";

type CommitmentRow = {
  id: string;
  title: string;
  status: string;
  amountPence: bigint;
  receivedPence: bigint;
  allocatedPence: bigint;
  spentPence: bigint;
};
type CostLineRow = { id: string; name: string; allocatedPence: bigint; spentPence: bigint };
type YearRow = { financialYear: number; profiledPence: bigint; spentPence: bigint };
type ShareRow = {
  agreementId: string;
  agreementName: string;
  spentPence: bigint;
  organisationId: string;
  organisationName: string;
  parts: number;
  duePence: bigint;
  paidPence: bigint;
};
type CapitalRow = { commitmentId: string; title: string; financialYear: number; spentPence: bigint };

/**
 * A programme's money, reconciled in SQL. Spend that names a commitment is that commitment's;
 * spend that does not is shared among the commitments allocated to its line in proportion to
 * their allocations, exact to the penny (largest remainder: floors, then the pennies left go to
 * the largest fractions, ties by commitment id), so every penny traces to one funder.
 */
export async function reconcileProgramme(
  prisma: PrismaClient,
  programmeId: string,
  today = new Date(),
): Promise<ProgrammeReconciliation> {
  const programme = await prisma.programme.findUnique({
    where: { id: programmeId },
    select: { totalCostPence: true, endOn: true },
  });
  if (!programme) throw new NotFound("Programme", programmeId);

  const [commitments, costLines, years, shares, capital, [committed]] = await Promise.all([
    prisma.$queryRaw<CommitmentRow[]>`
      WITH commitment AS (
        SELECT id, title, status::text AS status, "amountPence"
        FROM "FundingCommitment" WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL
      ), line_allocation AS (
        SELECT allocation."commitmentId", allocation."costLineId", sum(allocation."amountPence") AS pence
        FROM "Allocation" allocation JOIN "CostLine" line ON line.id = allocation."costLineId"
        WHERE line."programmeId" = ${programmeId}::uuid AND allocation."retiredAt" IS NULL
        GROUP BY 1, 2
      ), line_total AS (
        SELECT "costLineId", sum(pence) AS pence FROM line_allocation GROUP BY 1
      ), unnamed AS (
        SELECT "costLineId", sum("amountPence") AS pence FROM "Spend"
        WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL AND "commitmentId" IS NULL
        GROUP BY 1
      ), share AS (
        SELECT share."commitmentId", share."costLineId", sign(unnamed.pence) AS sign, abs(unnamed.pence) AS whole,
               floor(abs(unnamed.pence)::numeric * share.pence / total.pence)::bigint AS base,
               (abs(unnamed.pence)::numeric * share.pence) % total.pence AS remainder
        FROM line_allocation share
        JOIN line_total total USING ("costLineId")
        JOIN unnamed USING ("costLineId")
        WHERE total.pence > 0
      ), ranked AS (
        SELECT *,
               row_number() OVER (PARTITION BY "costLineId" ORDER BY remainder DESC, "commitmentId") AS place,
               whole - sum(base) OVER (PARTITION BY "costLineId") AS pennies_left
        FROM share
      ), attributed AS (
        SELECT "commitmentId", sum(sign * (base + CASE WHEN place <= pennies_left THEN 1 ELSE 0 END))::bigint AS pence
        FROM ranked GROUP BY 1
      ), named AS (
        SELECT "commitmentId", sum("amountPence") AS pence FROM "Spend"
        WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL AND "commitmentId" IS NOT NULL
        GROUP BY 1
      ), received AS (
        SELECT "commitmentId", sum("amountPence") AS pence FROM "Receipt"
        WHERE "retiredAt" IS NULL AND "commitmentId" IN (SELECT id FROM commitment) GROUP BY 1
      ), allocated AS (
        SELECT "commitmentId", sum("amountPence") AS pence FROM "Allocation"
        WHERE "retiredAt" IS NULL AND "commitmentId" IN (SELECT id FROM commitment) GROUP BY 1
      )
      SELECT commitment.id::text AS id, commitment.title, commitment.status, commitment."amountPence",
             coalesce(received.pence, 0)::bigint AS "receivedPence",
             coalesce(allocated.pence, 0)::bigint AS "allocatedPence",
             (coalesce(named.pence, 0) + coalesce(attributed.pence, 0))::bigint AS "spentPence"
      FROM commitment
      LEFT JOIN received ON received."commitmentId" = commitment.id
      LEFT JOIN allocated ON allocated."commitmentId" = commitment.id
      LEFT JOIN named ON named."commitmentId" = commitment.id
      LEFT JOIN attributed ON attributed."commitmentId" = commitment.id
      ORDER BY commitment.title, commitment.id`,
    prisma.$queryRaw<CostLineRow[]>`
      SELECT line.id::text AS id, line.name,
             coalesce((SELECT sum("amountPence") FROM "Allocation"
                       WHERE "costLineId" = line.id AND "retiredAt" IS NULL), 0)::bigint AS "allocatedPence",
             coalesce((SELECT sum("amountPence") FROM "Spend"
                       WHERE "costLineId" = line.id AND "retiredAt" IS NULL), 0)::bigint AS "spentPence"
      FROM "CostLine" line
      WHERE line."programmeId" = ${programmeId}::uuid AND line."retiredAt" IS NULL
      ORDER BY line.name, line.id`,
    // The financial year of a date: its year, less one before April.
    prisma.$queryRaw<YearRow[]>`
      WITH profiled AS (
        SELECT profile."financialYear", sum(profile."amountPence") AS pence
        FROM "CommitmentYearProfile" profile
        JOIN "FundingCommitment" commitment ON commitment.id = profile."commitmentId"
        WHERE commitment."programmeId" = ${programmeId}::uuid AND commitment."retiredAt" IS NULL
          AND commitment.status IN ('awarded', 'received')
        GROUP BY 1
      ), spent AS (
        SELECT extract(year FROM "spentOn" - interval '3 months')::int AS "financialYear", sum("amountPence") AS pence
        FROM "Spend" WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL
        GROUP BY 1
      )
      SELECT "financialYear", coalesce(profiled.pence, 0)::bigint AS "profiledPence",
             coalesce(spent.pence, 0)::bigint AS "spentPence"
      FROM profiled FULL OUTER JOIN spent USING ("financialYear")
      ORDER BY "financialYear"`,
    // Each partner's due share of the spend an agreement covers (its line, or the whole
    // programme, within its dates), split by parts exact to the penny, against what it paid.
    prisma.$queryRaw<ShareRow[]>`
      WITH agreement AS (
        SELECT id, name, "costLineId", "effectiveFrom", "effectiveTo" FROM "CostSharingAgreement"
        WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL
      ), covered AS (
        SELECT agreement.id AS "agreementId", spend."payingOrganisationId", spend."amountPence"
        FROM agreement JOIN "Spend" spend
          ON spend."programmeId" = ${programmeId}::uuid AND spend."retiredAt" IS NULL
         AND (agreement."costLineId" IS NULL OR spend."costLineId" = agreement."costLineId")
         AND (agreement."effectiveFrom" IS NULL OR spend."spentOn" >= agreement."effectiveFrom")
         AND (agreement."effectiveTo" IS NULL OR spend."spentOn" <= agreement."effectiveTo")
      ), total AS (
        SELECT agreement.id AS "agreementId", coalesce(sum(covered."amountPence"), 0) AS pence
        FROM agreement LEFT JOIN covered ON covered."agreementId" = agreement.id GROUP BY 1
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
      ), paid AS (
        SELECT "agreementId", "payingOrganisationId", sum("amountPence") AS pence FROM covered GROUP BY 1, 2
      )
      SELECT agreement.id::text AS "agreementId", agreement.name AS "agreementName", ranked.spent::bigint AS "spentPence",
             organisation.id::text AS "organisationId", organisation.name AS "organisationName", ranked.parts,
             (ranked.sign * (ranked.base + CASE WHEN ranked.place <= ranked.pennies_left THEN 1 ELSE 0 END))::bigint AS "duePence",
             coalesce(paid.pence, 0)::bigint AS "paidPence"
      FROM ranked
      JOIN agreement ON agreement.id = ranked."agreementId"
      JOIN "Organisation" organisation ON organisation.id = ranked."organisationId"
      LEFT JOIN paid ON paid."agreementId" = ranked."agreementId" AND paid."payingOrganisationId" = ranked."organisationId"
      ORDER BY agreement.name, agreement.id, ranked.parts DESC, organisation.name`,
    // Spend on lines a capital commitment funds, in financial years its profile does not cover.
    prisma.$queryRaw<CapitalRow[]>`
      WITH capital AS (
        SELECT commitment.id, commitment.title FROM "FundingCommitment" commitment
        JOIN "Fund" fund ON fund.id = commitment."fundId"
        WHERE commitment."programmeId" = ${programmeId}::uuid AND commitment."retiredAt" IS NULL
          AND fund."fundType" = 'capital' AND commitment.status IN ('awarded', 'received')
      ), funded_spend AS (
        SELECT DISTINCT capital.id AS "commitmentId", spend.id AS "spendId", spend."amountPence",
               extract(year FROM spend."spentOn" - interval '3 months')::int AS "financialYear"
        FROM capital
        JOIN "Spend" spend ON spend."programmeId" = ${programmeId}::uuid AND spend."retiredAt" IS NULL
        WHERE spend."commitmentId" = capital.id
           OR (spend."commitmentId" IS NULL AND EXISTS (
                 SELECT 1 FROM "Allocation" allocation
                 WHERE allocation."commitmentId" = capital.id AND allocation."costLineId" = spend."costLineId"
                   AND allocation."retiredAt" IS NULL))
      )
      SELECT funded."commitmentId"::text AS "commitmentId", capital.title, funded."financialYear",
             sum(funded."amountPence")::bigint AS "spentPence"
      FROM funded_spend funded JOIN capital ON capital.id = funded."commitmentId"
      WHERE NOT EXISTS (SELECT 1 FROM "CommitmentYearProfile" profile
                        WHERE profile."commitmentId" = funded."commitmentId" AND profile."financialYear" = funded."financialYear")
      GROUP BY 1, 2, 3
      HAVING sum(funded."amountPence") <> 0
      ORDER BY 2, 3`,
    prisma.$queryRaw<{ pence: bigint }[]>`
      SELECT coalesce(sum("amountPence"), 0)::bigint AS pence FROM "FundingCommitment"
      WHERE "programmeId" = ${programmeId}::uuid AND "retiredAt" IS NULL AND status IN ('awarded', 'received')`,
  ]);

  const commitmentFigures = commitments.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    amountPence: penceFromBigInt(row.amountPence),
    receivedPence: penceFromBigInt(row.receivedPence),
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
    overAllocated: row.allocatedPence > row.amountPence,
  }));
  const lineFigures = costLines.map((row) => ({
    id: row.id,
    name: row.name,
    allocatedPence: penceFromBigInt(row.allocatedPence),
    spentPence: penceFromBigInt(row.spentPence),
    variancePence: penceFromBigInt(row.allocatedPence - row.spentPence),
  }));
  const committedPence = penceFromBigInt(committed?.pence ?? 0n);
  const costSharing = groupAgreements(shares);
  const capitalOutsideYear = capital.map((row) => ({
    commitmentId: row.commitmentId,
    title: row.title,
    financialYear: financialYearLabel(row.financialYear),
    spentPence: penceFromBigInt(row.spentPence),
  }));
  const totalCostPence = programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence);

  return {
    programmeId,
    totalCostPence,
    committedPence,
    gapPence: totalCostPence === null ? null : totalCostPence - committedPence,
    commitments: commitmentFigures,
    costLines: lineFigures,
    costSharing,
    financialYears: years.map((row) => ({
      financialYear: financialYearLabel(row.financialYear),
      profiledPence: penceFromBigInt(row.profiledPence),
      spentPence: penceFromBigInt(row.spentPence),
    })),
    flags: reconciliationFlags({
      programmeId,
      totalCostPence,
      committedPence,
      endOn: toIsoDateOrNull(programme.endOn),
      today: toIsoDate(today),
      commitments: commitmentFigures.map((commitment) => ({
        ...commitment,
        awarded: commitment.status === "awarded" || commitment.status === "received",
      })),
      costLines: lineFigures,
      costSharing,
      capitalOutsideYear,
    }),
  };
}

/** One entry per agreement with its partners' rows (already in order from the query). */
function groupAgreements(rows: ShareRow[]): ProgrammeReconciliation["costSharing"] {
  const agreements = new Map<string, ProgrammeReconciliation["costSharing"][number]>();
  for (const row of rows) {
    const agreement = agreements.get(row.agreementId) ?? {
      agreementId: row.agreementId,
      name: row.agreementName,
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
