import { declareRecord } from "../../lib/records.ts";

// A change request is seen where its record is: on its programme, or (with none) in its council.
export const changeRequestRecord = declareRecord({
  table: "ChangeRequest",
  name: "change request",
  retires: false,
  belongsTo: `SELECT "programmeId", "organisationId" FROM "ChangeRequest" WHERE id = $1::uuid`,
});
