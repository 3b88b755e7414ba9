import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export type DatabasePoolOptions = {
  /** Most connections the API holds open at once. */
  maxConnections?: number;
  /** How long a request waits for a free connection before failing (ms). */
  connectionTimeoutMs?: number;
  /** Longest a single statement may run (ms). */
  statementTimeoutMs?: number;
};

export function createPrismaClient(connectionString: string, pool: DatabasePoolOptions = {}): PrismaClient {
  // An explicit, bounded pool: an exhausted pool or a dead database fails fast instead of hanging.
  const adapter = new PrismaPg({
    connectionString,
    max: pool.maxConnections ?? 10,
    connectionTimeoutMillis: pool.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: pool.statementTimeoutMs ?? 30_000,
  });
  return new PrismaClient({ adapter });
}

export { Prisma } from "../generated/prisma/client.ts";
export type { PrismaClient };
