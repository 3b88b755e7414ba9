// What other features may use of decisions: a programme's decisions, as a section of its page.
export { DecisionsSection } from "./components/decisions-section.tsx";
