export * from "./audit.ts";
export * from "./commitments.ts";
export * from "./dates.ts";
export * from "./financial-year.ts";
export * from "./milestones.ts";
export * from "./money.ts";
export * from "./permissions.ts";
export * from "./reconciliation.ts";
