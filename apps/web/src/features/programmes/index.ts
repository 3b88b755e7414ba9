// What other features may use of programmes: the overview of them all (a programme's record
// and the pages about it are programme-frame's).
export { ProgrammesOverview } from "./components/programmes-overview.tsx";
