import { declareRecord } from "../../lib/records.ts";

// A receipt is in its commitment's programme (or, with none, its recipient's books).
export const receiptRecord = declareRecord({
  table: "Receipt",
  name: "receipt",
  retires: true,
  belongsTo: `SELECT commitment."programmeId", commitment."recipientId" AS "organisationId" FROM "Receipt" receipt
              JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId" WHERE receipt.id = $1::uuid`,
  ownedBy: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId", commitment."recipientId") AS owner,
          programme.id AS programme FROM "Receipt" record
          JOIN "FundingCommitment" commitment ON commitment.id = record."commitmentId"
          LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId" WHERE record.id = $1::uuid`,
  onlyItsOwnerChangesIt: true,
});
