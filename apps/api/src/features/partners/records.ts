import { declareRecord, inItsProgramme, ownedByTheLead } from "../../lib/records.ts";

export const partnerRecord = declareRecord({
  table: "ProgrammePartner",
  name: "partner",
  retires: false,
  belongsTo: inItsProgramme("ProgrammePartner"),
  ownedBy: ownedByTheLead("ProgrammePartner"),
  refusal: ({ lead }) => `Only ${lead}, which leads this programme, decides what its partners may do.`,
});
