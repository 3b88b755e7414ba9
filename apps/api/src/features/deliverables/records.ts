import { declareRecord, inItsProgramme } from "../../lib/records.ts";

export const deliverableRecord = declareRecord({
  table: "DeliverableTarget",
  name: "deliverable",
  retires: true,
  belongsTo: inItsProgramme("DeliverableTarget"),
});
