// What other features may use of programmes: one programme's record, and the overview of them all.
export { useProgramme } from "./api/get-programme.ts";
export { ProgrammesOverview } from "./components/programmes-overview.tsx";
