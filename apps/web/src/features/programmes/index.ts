// What other features may use of programmes: one programme's record, the pages about it and its
// records, and the overview of them all.
export { useProgramme } from "./api/get-programme.ts";
export { useProgrammeChoices } from "./api/get-programmes.ts";
export { WithProgramme, WithProgrammeRecord, WorkstreamField } from "./components/programme-route.tsx";
export { PARTNER_ROLES } from "./components/programme-words.ts";
export { ProgrammesOverview } from "./components/programmes-overview.tsx";
