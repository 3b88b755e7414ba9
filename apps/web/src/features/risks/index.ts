// What other features may use of risks: a programme's risk register, as a section of its page.
export { RisksSection } from "./components/risks-section.tsx";
