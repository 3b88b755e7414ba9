export * from "./backup.ts";
export * from "./client.ts";
export * from "./embedded-postgres.ts";
export * from "./migrate.ts";
export { releaseShutdownSignals } from "./postgres-binaries.ts";
export * from "./with-client.ts";
