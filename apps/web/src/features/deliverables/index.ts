// What other features may use of deliverables: a programme's deliverables, as a section of its page.
export { DeliverablesSection } from "./components/deliverables-section.tsx";
