// What other features may use of spend: a programme's payments, as a section of its page.
export { ProgrammePaymentsSection } from "./components/spend-lists.tsx";
