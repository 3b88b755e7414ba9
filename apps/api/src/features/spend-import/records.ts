import { declareRecord } from "../../lib/records.ts";

// An import belongs to the council whose ledger it is (its importer's).
const COUNCIL_OF_IMPORT = `COALESCE(batch."organisationId", creator."organisationId")`;

export const importRecord = declareRecord({
  table: "ImportBatch",
  name: "import",
  retires: false,
  belongsTo: `SELECT NULL::uuid AS "programmeId", ${COUNCIL_OF_IMPORT} AS "organisationId"
              FROM "ImportBatch" batch LEFT JOIN "User" creator ON creator.id = batch."createdById" WHERE batch.id = $1::uuid`,
  ownedBy: `SELECT ${COUNCIL_OF_IMPORT} AS owner, NULL::uuid AS programme
            FROM "ImportBatch" batch LEFT JOIN "User" creator ON creator.id = batch."createdById" WHERE batch.id = $1::uuid`,
  onlyItsOwnerChangesIt: true,
});
