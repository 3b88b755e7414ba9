// What other features may use of allocations: the rest is this feature's own.
export { allocatedOn, toAllocationResponse } from "./allocations.ts";
