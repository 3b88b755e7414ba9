// An oracle for the running totals that shares nothing with the triggers it checks: it reads the
// raw rows (test-sized data only) and adds them up in TypeScript, with the domain's financial
// year and its own reading of which spend an agreement covers. `runningTotalsDrift` (SQL, used
// by the bench at a million rows) uses the database's financial-year function and the same
// coverage predicate as the triggers, so a mistake in either would agree with itself there.
import type { PrismaClient } from "@fundline/db";
import { financialYearOf, toIsoDate } from "@fundline/domain";

type Sums = Map<string, bigint>;

function add(sums: Sums, key: string, pence: bigint) {
  sums.set(key, (sums.get(key) ?? 0n) + pence);
}

/** Every kept total that differs from the oracle's figure, as `table key: kept ≠ oracle`. */
export async function totalsAgainstOracle(prisma: PrismaClient): Promise<string[]> {
  const [commitments, allocations, receipts, spend, lines, agreements] = await Promise.all([
    prisma.fundingCommitment.findMany(),
    prisma.allocation.findMany({ where: { retiredAt: null } }),
    prisma.receipt.findMany({ where: { retiredAt: null } }),
    prisma.spend.findMany({ where: { retiredAt: null } }),
    prisma.costLine.findMany({ select: { id: true, programmeId: true } }),
    prisma.costSharingAgreement.findMany(),
  ]);
  const programmeOfLine = new Map(lines.map((line) => [line.id, line.programmeId]));
  const oracle: Sums = new Map();
  for (const commitment of commitments) {
    if (commitment.retiredAt) continue;
    add(oracle, `CommitmentTotal ${commitment.id} amount`, commitment.amountPence);
    if (commitment.programmeId && ["awarded", "received"].includes(commitment.status)) {
      add(oracle, `ProgrammeTotal ${commitment.programmeId} committed`, commitment.amountPence);
    }
  }
  for (const allocation of allocations) {
    add(oracle, `CommitmentTotal ${allocation.commitmentId} allocated`, allocation.amountPence);
    add(oracle, `CostLineTotal ${allocation.costLineId} allocated`, allocation.amountPence);
    add(oracle, `ProgrammeTotal ${programmeOfLine.get(allocation.costLineId)} allocated`, allocation.amountPence);
  }
  for (const receipt of receipts) add(oracle, `CommitmentTotal ${receipt.commitmentId} received`, receipt.amountPence);
  for (const payment of spend) {
    const day = toIsoDate(payment.spentOn);
    const year = financialYearOf(day);
    add(oracle, `ProgrammeTotal ${payment.programmeId} spent`, payment.amountPence);
    add(oracle, `CostLineTotal ${payment.costLineId} spent`, payment.amountPence);
    add(oracle, `CostLineYearTotal ${payment.costLineId} ${year} spent`, payment.amountPence);
    if (payment.commitmentId) {
      add(oracle, `CommitmentTotal ${payment.commitmentId} named`, payment.amountPence);
      add(oracle, `CommitmentYearTotal ${payment.commitmentId} ${year} named`, payment.amountPence);
    } else {
      add(oracle, `CostLineTotal ${payment.costLineId} unnamed`, payment.amountPence);
      add(oracle, `CostLineYearTotal ${payment.costLineId} ${year} unnamed`, payment.amountPence);
    }
    for (const agreement of agreements) {
      const from = agreement.effectiveFrom ? toIsoDate(agreement.effectiveFrom) : "0000-01-01";
      const to = agreement.effectiveTo ? toIsoDate(agreement.effectiveTo) : "9999-12-31";
      const covers =
        agreement.programmeId === payment.programmeId &&
        (agreement.costLineId === null || agreement.costLineId === payment.costLineId) &&
        from <= day &&
        day <= to;
      if (!covers) continue;
      add(oracle, `CostSharingTotal ${agreement.id} spent`, payment.amountPence);
      if (payment.payingOrganisationId) {
        add(
          oracle,
          `CostSharingPaymentTotal ${agreement.id} ${payment.payingOrganisationId} paid`,
          payment.amountPence,
        );
      }
    }
  }

  const kept: Sums = new Map();
  const keep = (key: string, pence: bigint) => add(kept, key, pence);
  for (const row of await prisma.commitmentTotal.findMany()) {
    keep(`CommitmentTotal ${row.commitmentId} amount`, row.amountPence);
    keep(`CommitmentTotal ${row.commitmentId} allocated`, row.allocatedPence);
    keep(`CommitmentTotal ${row.commitmentId} received`, row.receivedPence);
    keep(`CommitmentTotal ${row.commitmentId} named`, row.namedSpentPence);
  }
  for (const row of await prisma.costLineTotal.findMany()) {
    keep(`CostLineTotal ${row.costLineId} allocated`, row.allocatedPence);
    keep(`CostLineTotal ${row.costLineId} spent`, row.spentPence);
    keep(`CostLineTotal ${row.costLineId} unnamed`, row.unnamedSpentPence);
  }
  for (const row of await prisma.costLineYearTotal.findMany()) {
    keep(`CostLineYearTotal ${row.costLineId} ${row.financialYear} spent`, row.spentPence);
    keep(`CostLineYearTotal ${row.costLineId} ${row.financialYear} unnamed`, row.unnamedSpentPence);
  }
  for (const row of await prisma.commitmentYearTotal.findMany()) {
    keep(`CommitmentYearTotal ${row.commitmentId} ${row.financialYear} named`, row.namedSpentPence);
  }
  for (const row of await prisma.programmeTotal.findMany()) {
    keep(`ProgrammeTotal ${row.programmeId} committed`, row.committedPence);
    keep(`ProgrammeTotal ${row.programmeId} allocated`, row.allocatedPence);
    keep(`ProgrammeTotal ${row.programmeId} spent`, row.spentPence);
  }
  for (const row of await prisma.costSharingTotal.findMany())
    keep(`CostSharingTotal ${row.agreementId} spent`, row.spentPence);
  for (const row of await prisma.costSharingPaymentTotal.findMany()) {
    keep(`CostSharingPaymentTotal ${row.agreementId} ${row.organisationId} paid`, row.paidPence);
  }

  return [...new Set([...oracle.keys(), ...kept.keys()])]
    .filter((key) => (oracle.get(key) ?? 0n) !== (kept.get(key) ?? 0n))
    .sort()
    .map((key) => `${key}: kept ${kept.get(key) ?? 0n} ≠ oracle ${oracle.get(key) ?? 0n}`);
}
