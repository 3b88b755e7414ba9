// What other features may use of decisions: a programme's decisions, as a section of its page
// and as a list to choose from.
export { useProgrammeDecisions } from "./api/decisions.ts";
export { DecisionsSection } from "./components/decisions-section.tsx";
