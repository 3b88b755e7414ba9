export * from "./client.ts";
export * from "./embedded-postgres.ts";
export * from "./migrate.ts";
export * from "./with-client.ts";
