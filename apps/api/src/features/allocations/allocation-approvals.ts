// Allocating money from a commitment to a line (or moving or returning it) above the council's
// threshold waits for a second person's approval.
import type { AllocationResponse } from "@fundline/schemas";
import { approvedAboveThreshold, type MoneyRecord } from "../../lib/four-eyes.ts";
import { createAllocation, retireAllocation, toAllocationResponse, updateAllocation } from "./allocations.ts";

const allocationMoney: MoneyRecord<AllocationResponse> = {
  table: "Allocation",
  load: async (tx, id) => {
    const row = await tx.allocation.findUnique({ where: { id } });
    return row ? toAllocationResponse(row) : null;
  },
  amountOf: (_tx, allocation) => allocation.amountPence,
  // Moving money to another line moves it as much as changing the amount does.
  moneyFields: ["amountPence", "costLineId"],
  titleOf: (allocation) => allocation.note ?? "from its commitment",
  commitmentOf: (allocation) => allocation.commitmentId,
};

export const allocationCreation = approvedAboveThreshold({
  kind: "allocation.create",
  action: "create",
  record: allocationMoney,
  run: createAllocation,
});

export const allocationChange = approvedAboveThreshold({
  kind: "allocation.update",
  action: "update",
  record: allocationMoney,
  run: updateAllocation,
});

export const allocationRetirement = approvedAboveThreshold({
  kind: "allocation.retire",
  action: "retire",
  record: allocationMoney,
  run: retireAllocation,
});
