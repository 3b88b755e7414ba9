import type { Prisma } from "@fundline/db";
import type { CreateFundRequest, FundResponse } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";

export async function createFund(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: { input: CreateFundRequest; actor: Actor; requestId: string },
): Promise<FundResponse> {
  const funder = await tx.organisation.findFirst({ where: { id: input.funderId, retiredAt: null } });
  if (!funder) throw new RuleBroken([{ path: "funderId", message: `no such organisation: ${input.funderId}` }]);
  if (!funder.kinds.includes("funder")) {
    throw new RuleBroken([{ path: "funderId", message: `${funder.name} is not recorded as a funder` }]);
  }
  if (await tx.fund.findFirst({ where: { funderId: input.funderId, name: input.name } })) {
    throw new RuleBroken([{ path: "name", message: `${funder.name} already has a fund called "${input.name}"` }]);
  }
  const created = await tx.fund.create({ data: input });
  const after: FundResponse = {
    id: created.id,
    funderId: created.funderId,
    name: created.name,
    fundType: created.fundType,
    description: created.description,
    version: created.version,
  };
  await recordAudit(tx, {
    actor,
    entityType: "Fund",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}
