// What other features may use of milestones: how a milestone is shown, with its history.
export { toMilestoneResponse, withHistory } from "./milestones.ts";
