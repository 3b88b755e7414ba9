import { declareRecord } from "../../lib/records.ts";

// A closed period is its council's.
export const periodCloseRecord = declareRecord({
  table: "PeriodClose",
  name: "closed period",
  retires: false,
  belongsTo: `SELECT NULL::uuid AS "programmeId", "organisationId" FROM "PeriodClose" WHERE id = $1::uuid`,
});
