export { type SeedResult, seedDemoProgrammes } from "./demo-programmes.ts";
