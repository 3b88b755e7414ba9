import type { Prisma } from "@fundline/db";
import { formatPence } from "@fundline/domain";
import { RuleBroken } from "../../errors.ts";
import { missingReferences, noSuch, type Problem } from "../../lib/references.ts";

/**
 * The line must belong to the programme; a named commitment must have money allocated to that
 * line (so the payment traces to a funder); named organisations must exist; the VAT that
 * cannot be recovered is part of the payment, so never more than it.
 */
export async function assertSpendFits(
  tx: Prisma.TransactionClient,
  spend: {
    programmeId: string;
    costLineId: string;
    commitmentId?: string | null;
    supplierId?: string | null;
    payingOrganisationId?: string | null;
    amountPence: number | bigint;
    irrecoverableVatPence: number | bigint;
  },
): Promise<void> {
  const problems: Problem[] = [];
  const magnitude = (pence: number | bigint) => (BigInt(pence) < 0n ? -BigInt(pence) : BigInt(pence));
  if (magnitude(spend.irrecoverableVatPence) > magnitude(spend.amountPence)) {
    problems.push({
      path: "irrecoverableVatPence",
      message: `the VAT (${formatPence(Number(spend.irrecoverableVatPence))}) is more than the payment (${formatPence(Number(spend.amountPence))})`,
    });
  }
  const line = await tx.costLine.findFirst({ where: { id: spend.costLineId, retiredAt: null } });
  if (!line) problems.push(noSuch("costLineId", "cost line", spend.costLineId));
  else if (line.programmeId !== spend.programmeId) {
    problems.push({ path: "costLineId", message: "the cost line belongs to a different programme" });
  }
  if (spend.commitmentId && line) {
    const allocated = await tx.allocation.count({
      where: { commitmentId: spend.commitmentId, costLineId: line.id, retiredAt: null },
    });
    if (allocated === 0) {
      problems.push({ path: "commitmentId", message: "this commitment has no allocation to the cost line" });
    }
  }
  problems.push(
    ...(await missingReferences(tx, [
      { path: "supplierId", table: "Organisation", id: spend.supplierId },
      { path: "payingOrganisationId", table: "Organisation", id: spend.payingOrganisationId },
    ])),
  );
  if (problems.length) throw new RuleBroken(problems);
}
