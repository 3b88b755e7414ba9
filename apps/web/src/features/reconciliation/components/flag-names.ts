import type { FlagCode, ReconciliationFlag } from "@fundline/schemas";

/** What each finding is called on screen. */
export const CODE_NAMES: Record<FlagCode, string> = {
  PROGRAMME_NOT_FULLY_FUNDED: "Programme not fully funded",
  COMMITMENT_OVER_ALLOCATED: "Commitment over-allocated",
  RECEIVED_MORE_THAN_COMMITTED: "Received more than committed",
  LINE_OVERSPENT: "Cost line overspent",
  SPEND_WITHOUT_ALLOCATION: "Spend no commitment pays for",
  COMMITTED_UNSPENT_NEAR_END: "Committed money unspent near the end",
  COMMITTED_UNSPENT_AFTER_END: "Committed money unspent after the end",
  SPEND_OUTSIDE_PROGRAMME_DATES: "Spend outside the programme's dates",
  PAYMENT_LARGER_THAN_LINE: "Payment larger than its line's allocation",
  PARTNER_BEHIND_SHARE: "Partner behind its share",
  CAPITAL_SPENT_OUTSIDE_YEAR: "Capital spent outside its year",
};

export const SEVERITY_NAMES: Record<ReconciliationFlag["severity"], string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};
