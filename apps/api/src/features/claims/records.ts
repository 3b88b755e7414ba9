import { declareRecord } from "../../lib/records.ts";

// A claim is in its commitment's programme (or, with none, its recipient's books), and is the
// commitment's owner's: only that council claims and marks it paid.
export const claimRecord = declareRecord({
  table: "FunderClaim",
  name: "claim",
  retires: true,
  belongsTo: `SELECT commitment."programmeId", commitment."recipientId" AS "organisationId" FROM "FunderClaim" claim
              JOIN "FundingCommitment" commitment ON commitment.id = claim."commitmentId" WHERE claim.id = $1::uuid`,
  ownedBy: `SELECT COALESCE(commitment."ownerOrganisationId", programme."leadOrganisationId", commitment."recipientId") AS owner,
          programme.id AS programme FROM "FunderClaim" record
          JOIN "FundingCommitment" commitment ON commitment.id = record."commitmentId"
          LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId" WHERE record.id = $1::uuid`,
  onlyItsOwnerChangesIt: true,
});
