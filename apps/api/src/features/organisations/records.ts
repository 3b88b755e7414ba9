import { declareRecord } from "../../lib/records.ts";

// Reference data: every signed-in user sees every organisation.
export const organisationRecord = declareRecord({
  table: "Organisation",
  name: "organisation",
  retires: true,
  belongsTo: null,
});
