import { declareRecord, inItsProgramme } from "../../lib/records.ts";

export const riskRecord = declareRecord({
  table: "Risk",
  name: "risk",
  retires: true,
  belongsTo: inItsProgramme("Risk"),
});
