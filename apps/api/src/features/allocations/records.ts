import { declareRecord } from "../../lib/records.ts";

// An allocation is in its cost line's programme.
export const allocationRecord = declareRecord({
  table: "Allocation",
  name: "allocation",
  retires: true,
  belongsTo: `SELECT line."programmeId", NULL::uuid AS "organisationId" FROM "Allocation" allocation
              JOIN "CostLine" line ON line.id = allocation."costLineId" WHERE allocation.id = $1::uuid`,
  ownedBy: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "Allocation" record JOIN "CostLine" line ON line.id = record."costLineId"
          JOIN "Programme" programme ON programme.id = line."programmeId" WHERE record.id = $1::uuid`,
  onlyItsOwnerChangesIt: true,
});
