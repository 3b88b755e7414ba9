export * from "./commitments.ts";
export * from "./common.ts";
export * from "./health.ts";
export * from "./lists.ts";
export * from "./milestones.ts";
export * from "./organisations.ts";
export * from "./programmes.ts";
export * from "./spend.ts";
