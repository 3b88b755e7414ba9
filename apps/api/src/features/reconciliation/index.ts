// What other features, the tests and the bench may use of reconciliation.

export { attributedSpend, fundersShare } from "./figures.ts";
export { runningTotalsDrift } from "./running-totals.ts";
