// A commitment's money (its amount and profile) changes only with a second person's approval
// above its council's threshold: recording, changing and retiring one.
import type { CommitmentResponse } from "@fundline/schemas";
import { approvedAboveThreshold, type MoneyRecord } from "../../lib/four-eyes.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";
import { createCommitment } from "./create-commitment.ts";
import { retireCommitment, updateCommitment } from "./update-commitment.ts";

const commitmentMoney: MoneyRecord<CommitmentResponse> = {
  table: "FundingCommitment",
  load: async (tx, id) => {
    const row = await tx.fundingCommitment.findUnique({ where: { id }, include: withProfile });
    return row ? toCommitmentResponse(row) : null;
  },
  amountOf: (_tx, commitment) => commitment.amountPence,
  moneyFields: ["amountPence", "profile"],
  titleOf: (commitment) => commitment.title,
  commitmentOf: (commitment) => commitment.id,
  programmeOf: (commitment) => commitment.programmeId,
};

export const commitmentCreation = approvedAboveThreshold({
  kind: "commitment.create",
  action: "create",
  record: commitmentMoney,
  run: createCommitment,
});

export const commitmentChange = approvedAboveThreshold({
  kind: "commitment.update",
  action: "update",
  record: commitmentMoney,
  run: updateCommitment,
});

export const commitmentRetirement = approvedAboveThreshold({
  kind: "commitment.retire",
  action: "retire",
  record: commitmentMoney,
  run: retireCommitment,
});
