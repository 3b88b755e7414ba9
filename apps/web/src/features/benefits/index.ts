// What other features may use of benefits: a programme's benefits and readings, as a section of its page.
export { BenefitsSection } from "./components/benefits-section.tsx";
