import type { Prisma } from "@fundline/db";
import { parseFinancialYearLabel } from "@fundline/domain";
import { RuleBroken } from "../../errors.ts";
import { assertReferencesExist as assertReferencesLive } from "../../lib/references.ts";

/** `2019/20` labels to start years, refusing labels that are not a financial year or repeat. */
export function parseProfile(profile: readonly { financialYear: string; amountPence: number }[]) {
  const seen = new Set<number>();
  return profile.map((year, index) => {
    let financialYear: number;
    try {
      financialYear = parseFinancialYearLabel(year.financialYear);
    } catch (error) {
      throw new RuleBroken([{ path: `profile.${index}.financialYear`, message: (error as Error).message }]);
    }
    if (seen.has(financialYear)) {
      throw new RuleBroken([
        { path: `profile.${index}.financialYear`, message: `${year.financialYear} appears twice` },
      ]);
    }
    seen.add(financialYear);
    return { financialYear, amountPence: BigInt(year.amountPence) };
  });
}

/** A commitment's fund, programme, recipient and decision must be live records, named by field. */
export function assertReferencesExist(
  tx: Prisma.TransactionClient,
  refs: { fundId?: string; programmeId?: string | null; recipientId?: string | null; decisionId?: string | null },
): Promise<void> {
  return assertReferencesLive(tx, [
    { path: "fundId", table: "Fund", id: refs.fundId },
    { path: "programmeId", table: "Programme", id: refs.programmeId },
    { path: "recipientId", table: "Organisation", id: refs.recipientId },
    { path: "decisionId", table: "Decision", id: refs.decisionId },
  ]);
}
