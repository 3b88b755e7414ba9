// What other features, the tests and the bench may use of reconciliation.

export { runningTotalsDrift } from "./running-totals.ts";
