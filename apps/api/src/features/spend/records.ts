import { declareRecord, inItsProgramme, ownedInItsProgramme } from "../../lib/records.ts";

export const paymentRecord = declareRecord({
  table: "Spend",
  name: "payment",
  retires: true,
  belongsTo: inItsProgramme("Spend"),
  ownedBy: ownedInItsProgramme("Spend"),
  onlyItsOwnerChangesIt: true,
});
