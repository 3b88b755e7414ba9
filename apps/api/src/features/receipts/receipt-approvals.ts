// Recording, correcting or retiring a receipt above the council's threshold waits for a second
// person's approval.
import { formatDate } from "@fundline/domain";
import type { ReceiptResponse } from "@fundline/schemas";
import { approvedAboveThreshold, type MoneyRecord } from "../../lib/four-eyes.ts";
import { createReceipt, retireReceipt, toReceiptResponse, updateReceipt } from "./receipts.ts";

const receiptMoney: MoneyRecord<ReceiptResponse> = {
  table: "Receipt",
  load: async (tx, id) => {
    const row = await tx.receipt.findUnique({ where: { id } });
    return row ? toReceiptResponse(row) : null;
  },
  amountOf: (_tx, receipt) => receipt.amountPence,
  // The day decides the financial year (and the period) the money arrived in.
  moneyFields: ["amountPence", "receivedOn"],
  titleOf: (receipt) => receipt.reference ?? `received ${formatDate(receipt.receivedOn)}`,
  commitmentOf: (receipt) => receipt.commitmentId,
};

export const receiptCreation = approvedAboveThreshold({
  kind: "receipt.create",
  action: "create",
  record: receiptMoney,
  run: createReceipt,
});

export const receiptChange = approvedAboveThreshold({
  kind: "receipt.update",
  action: "update",
  record: receiptMoney,
  run: updateReceipt,
});

export const receiptRetirement = approvedAboveThreshold({
  kind: "receipt.retire",
  action: "retire",
  record: receiptMoney,
  run: retireReceipt,
});
