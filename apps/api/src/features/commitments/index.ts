// What other features may use of commitments: the rest is this feature's own.
export { allocatedOn } from "./commitment-rules.ts";
