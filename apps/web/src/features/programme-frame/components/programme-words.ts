import type { ProgrammeDetail, ProgrammeSummary } from "@fundline/schemas";

export const PROGRAMME_STATUS: Record<
  ProgrammeSummary["status"],
  { label: string; tone: "grey" | "blue" | "green" | "amber" | "red" }
> = {
  proposed: { label: "Proposed", tone: "grey" },
  bid_submitted: { label: "Bid submitted", tone: "blue" },
  approved: { label: "Approved", tone: "blue" },
  unsuccessful: { label: "Unsuccessful", tone: "red" },
  active: { label: "Active", tone: "green" },
  closed: { label: "Closed", tone: "grey" },
};

export const PARTNER_ROLES: Record<ProgrammeDetail["partners"][number]["role"], string> = {
  lead: "Lead",
  partner: "Partner",
  delivery_partner: "Delivery partner",
  supplier: "Supplier",
  evaluator: "Evaluator",
};

export const GOVERNANCE_STAGES: Record<NonNullable<ProgrammeDetail["governanceStage"]>, string> = {
  formulation: "Formulation",
  due_diligence: "Due diligence",
  implementation: "Implementation",
};
