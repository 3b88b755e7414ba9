// What other features may use of deliverables: how a deliverable is shown.
export { toDeliverableResponse } from "./deliverables.ts";
