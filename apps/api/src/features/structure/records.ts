import { declareRecord, inItsProgramme, ownedByTheLead, ownedInItsProgramme } from "../../lib/records.ts";

export const workstreamRecord = declareRecord({
  table: "Workstream",
  name: "workstream",
  retires: true,
  belongsTo: inItsProgramme("Workstream"),
  ownedBy: ownedByTheLead("Workstream"),
  refusal: ({ lead }) =>
    `Only ${lead}, which leads this programme, can add cost lines and workstreams to it, unless it grants your council that right.`,
});

export const costLineRecord = declareRecord({
  table: "CostLine",
  name: "cost line",
  retires: true,
  belongsTo: inItsProgramme("CostLine"),
  ownedBy: ownedInItsProgramme("CostLine"),
  onlyItsOwnerChangesIt: true,
  refusal: ({ owner, lead }, ownership) =>
    ownership === "own or granted"
      ? `This cost line is ${owner}'s: your council can record spend only against its own cost lines, unless ${lead}, which leads the programme, grants it the right.`
      : `This cost line is ${owner}'s: only ${owner} can change it. Your council can read it.`,
  keptTotals: { CostLineTotal: "the cost line's", CostLineYearTotal: "the cost line's one-year" },
});

export const costSharingAgreementRecord = declareRecord({
  table: "CostSharingAgreement",
  name: "cost-sharing agreement",
  retires: true,
  belongsTo: inItsProgramme("CostSharingAgreement"),
  ownedBy: ownedInItsProgramme("CostSharingAgreement"),
  onlyItsOwnerChangesIt: true,
  keptTotals: {
    CostSharingTotal: "the cost-sharing agreement's",
    CostSharingPaymentTotal: "a partner's cost-sharing",
  },
});
