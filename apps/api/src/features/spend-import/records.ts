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

// A council's matches of its ledgers' codes to cost lines are its own.
export const ledgerCodeMatchRecord = declareRecord({
  table: "LedgerCodeMatch",
  name: "ledger code match",
  retires: false,
  belongsTo: `SELECT NULL::uuid AS "programmeId", match."organisationId" FROM "LedgerCodeMatch" match WHERE match.id = $1::uuid`,
});
