import { z } from "zod";

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["ok", "down"]),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Whether this server can take traffic: the database answers and its migrations are current. */
export const ReadinessResponse = z.object({
  status: z.enum(["ready", "not ready"]),
  db: z.enum(["ok", "down"]),
  /** Migrations this code expects that the database has not had; null while the database is down. */
  pendingMigrations: z.array(z.string()).nullable(),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
