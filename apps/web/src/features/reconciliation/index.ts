// What other features may use of reconciliation: a programme's money, reconciled, and the
// findings a money record's save changed.
export { useWriteWithFindings } from "./api/finding-changes.ts";
export { useProgrammeReconciliation } from "./api/programme-reconciliation.ts";
export { ProgrammeMoneySection } from "./components/programme-money-section.tsx";
