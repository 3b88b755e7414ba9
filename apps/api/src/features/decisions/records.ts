import { declareRecord } from "../../lib/records.ts";

// A decision is its programme's, or (with none) its council's.
export const decisionRecord = declareRecord({
  table: "Decision",
  name: "decision",
  retires: true,
  belongsTo: `SELECT "programmeId", "organisationId" FROM "Decision" WHERE id = $1::uuid`,
  owningField: { path: "organisationId", message: "no such organisation among yours" },
});
