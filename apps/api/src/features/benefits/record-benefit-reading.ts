import type { Prisma } from "@fundline/db";
import { fromIsoDate, toIsoDate } from "@fundline/domain";
import type { BenefitReadingResponse, RecordBenefitReadingRequest } from "@fundline/schemas";
import { NotFound, RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";

/** A dated KPI reading; one per benefit per day. */
export async function recordBenefitReading(
  tx: Prisma.TransactionClient,
  options: { benefitId: string; input: RecordBenefitReadingRequest; actor: Actor; requestId: string },
): Promise<BenefitReadingResponse> {
  const { benefitId, input } = options;
  if (!(await tx.benefit.findFirst({ where: { id: benefitId, retiredAt: null }, select: { id: true } }))) {
    throw new NotFound("Benefit", benefitId);
  }
  const readOn = fromIsoDate(input.readOn);
  if (await tx.benefitReading.findUnique({ where: { benefitId_readOn: { benefitId, readOn } } })) {
    throw new RuleBroken([{ path: "readOn", message: `there is already a reading for ${input.readOn}` }]);
  }
  const created = await tx.benefitReading.create({ data: { benefitId, readOn, value: input.value, note: input.note } });
  const after: BenefitReadingResponse = {
    id: created.id,
    benefitId,
    readOn: toIsoDate(created.readOn),
    value: created.value.toString(),
    note: created.note,
  };
  await recordAudit(tx, {
    actor: options.actor,
    entityType: "BenefitReading",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId: options.requestId,
  });
  return after;
}
