// What other features may use of milestones: a programme's timeline, and what is due soon.
export { DueMilestones } from "./components/due-milestones.tsx";
export { MilestonesSection } from "./components/milestones-section.tsx";
