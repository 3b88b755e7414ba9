import type { Prisma } from "@fundline/db";
import { parseFinancialYearLabel } from "@fundline/domain";
import { RuleBroken } from "../../errors.ts";

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

/** Referenced records must exist (and not be retired), named by field, rather than a foreign-key 500. */
export async function assertReferencesExist(
  tx: Prisma.TransactionClient,
  refs: { fundId?: string; programmeId?: string | null; recipientId?: string | null; decisionId?: string | null },
): Promise<void> {
  const missing: { path: string; message: string }[] = [];
  const check = async (path: string, id: string | null | undefined, find: (id: string) => Promise<unknown>) => {
    if (id && !(await find(id))) missing.push({ path, message: `no such record: ${id}` });
  };
  await check("fundId", refs.fundId, (id) =>
    tx.fund.findFirst({ where: { id, retiredAt: null }, select: { id: true } }),
  );
  await check("programmeId", refs.programmeId, (id) =>
    tx.programme.findFirst({ where: { id, retiredAt: null }, select: { id: true } }),
  );
  await check("recipientId", refs.recipientId, (id) =>
    tx.organisation.findFirst({ where: { id, retiredAt: null }, select: { id: true } }),
  );
  await check("decisionId", refs.decisionId, (id) => tx.decision.findUnique({ where: { id }, select: { id: true } }));
  if (missing.length) throw new RuleBroken(missing);
}
