// The frame every page about a programme stands in: the programme's record, the choice of
// programmes, its words, and the route wrappers that load it. Below the sections (milestones,
// risks, spend …) and the programme's own page, so none of them depends on another.
export { programmeQueryOptions, useProgramme } from "./api/get-programme.ts";
export {
  getProgrammes,
  type ProgrammeFilters,
  programmesQueryOptions,
  useProgrammeChoices,
  useProgrammes,
} from "./api/get-programmes.ts";
export { WithProgramme, WithProgrammeRecord, WorkstreamField } from "./components/programme-route.tsx";
export { GOVERNANCE_STAGES, PARTNER_ROLES, PROGRAMME_STATUS } from "./components/programme-words.ts";
