// A cost-sharing agreement decides who pays what of the spend it covers: making, changing or
// retiring one that covers more than the council's threshold waits for a second person.
import type { CostSharingAgreementResponse, CreateCostSharingAgreementRequest } from "@fundline/schemas";
import { approvedAboveThreshold, type MoneyRecord } from "../../lib/four-eyes.ts";
import {
  createCostSharingAgreement,
  retireCostSharingAgreement,
  toAgreementResponse,
  updateCostSharingAgreement,
  withShares,
} from "./cost-sharing-agreements.ts";

const agreementMoney: MoneyRecord<CostSharingAgreementResponse> = {
  table: "CostSharingAgreement",
  load: async (tx, id) => {
    const row = await tx.costSharingAgreement.findUnique({ where: { id }, include: withShares });
    return row ? toAgreementResponse(row) : null;
  },
  // The spend it covers, as the database keeps it (prisma/sql/cost-sharing-totals.sql).
  amountOf: async (tx, agreement) => {
    const total = await tx.costSharingTotal.findUnique({ where: { agreementId: agreement.id } });
    return Number(total?.spentPence ?? 0n);
  },
  moneyFields: ["shares", "costLineId", "effectiveFrom", "effectiveTo"],
  titleOf: (agreement) => agreement.name,
  programmeOf: (agreement) => agreement.programmeId,
};

export const agreementCreation = approvedAboveThreshold({
  kind: "costSharingAgreement.create",
  action: "create",
  record: agreementMoney,
  run: (tx, { params, ...agreement }) =>
    createCostSharingAgreement(tx, {
      programmeId: (params as { id: string }).id,
      ...agreement,
      input: agreement.input as CreateCostSharingAgreementRequest,
    }),
});

export const agreementChange = approvedAboveThreshold({
  kind: "costSharingAgreement.update",
  action: "update",
  record: agreementMoney,
  run: updateCostSharingAgreement,
});

export const agreementRetirement = approvedAboveThreshold({
  kind: "costSharingAgreement.retire",
  action: "retire",
  record: agreementMoney,
  run: retireCostSharingAgreement,
});
