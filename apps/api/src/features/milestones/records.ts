import { declareRecord, inItsProgramme } from "../../lib/records.ts";

export const milestoneRecord = declareRecord({
  table: "Milestone",
  name: "milestone",
  retires: true,
  belongsTo: inItsProgramme("Milestone"),
});
