import { declareRecord } from "../../lib/records.ts";

// A commitment with no programme yet (a 360Giving grant) belongs to its recipient council.
export const commitmentRecord = declareRecord({
  table: "FundingCommitment",
  name: "commitment",
  retires: true,
  belongsTo: `SELECT "programmeId", "recipientId" AS "organisationId" FROM "FundingCommitment" WHERE id = $1::uuid`,
  ownedBy: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId", record."recipientId") AS owner,
          programme.id AS programme FROM "FundingCommitment" record
          LEFT JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  onlyItsOwnerChangesIt: true,
  owningField: {
    path: "recipientId",
    message: "must be your own organisation, unless the commitment is for one of your programmes",
  },
  keptTotals: { CommitmentTotal: "the commitment's", CommitmentYearTotal: "the commitment's one-year" },
});
