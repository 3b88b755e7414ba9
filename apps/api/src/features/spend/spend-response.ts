import type { Prisma } from "@fundline/db";
import { penceFromBigInt, toIsoDate } from "@fundline/domain";
import type { SpendResponse } from "@fundline/schemas";

type SpendRow = Prisma.SpendGetPayload<object>;

export function toSpendResponse(spend: SpendRow): SpendResponse {
  return {
    id: spend.id,
    programmeId: spend.programmeId,
    costLineId: spend.costLineId,
    commitmentId: spend.commitmentId,
    spentOn: toIsoDate(spend.spentOn),
    amountPence: penceFromBigInt(spend.amountPence),
    irrecoverableVatPence: penceFromBigInt(spend.irrecoverableVatPence),
    supplierName: spend.supplierName,
    supplierId: spend.supplierId,
    paidToIndividual: spend.paidToIndividual,
    department: spend.department,
    purpose: spend.purpose,
    merchantCategory: spend.merchantCategory,
    reference: spend.reference,
    payingOrganisationId: spend.payingOrganisationId,
    source: spend.source,
    version: spend.version,
    retiredAt: spend.retiredAt?.toISOString() ?? null,
    retirementReason: spend.retirementReason,
  };
}
