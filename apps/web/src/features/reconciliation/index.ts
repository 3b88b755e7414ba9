// What other features may use of reconciliation: a programme's money, reconciled.
export { ProgrammeMoneySection } from "./components/programme-money-section.tsx";
