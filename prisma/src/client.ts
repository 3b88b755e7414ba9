import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export type DatabasePoolOptions = {
  /** Most connections the API holds open at once. */
  maxConnections?: number;
  /** How long a request waits for a free connection before failing (ms). */
  connectionTimeoutMs?: number;
  /** Longest a single statement may run (ms). */
  statementTimeoutMs?: number;
};

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * `?pgbouncer=true` on a connection string (Prisma's own convention) says it reaches PostgreSQL
 * through PgBouncer in transaction mode: its server connections are shared between clients, so
 * no setting may be sent at connection start (PgBouncer refuses startup parameters it does not
 * know, and a session setting would leak to whoever gets the connection next). The limits the
 * direct connection sets for itself are then the database role's (docs/operations.md).
 */
export function throughPgBouncer(connectionString: string): { url: string; pgBouncer: boolean } {
  const url = new URL(connectionString);
  const pgBouncer = url.searchParams.get("pgbouncer") === "true";
  url.searchParams.delete("pgbouncer");
  return { url: url.toString(), pgBouncer };
}

export function createPrismaClient(connectionString: string, pool: DatabasePoolOptions = {}): PrismaClient {
  const { url, pgBouncer } = throughPgBouncer(connectionString);
  // An explicit, bounded pool: an exhausted pool or a dead database fails fast instead of hanging.
  const connections = new pg.Pool({
    connectionString: url,
    max: pool.maxConnections ?? 10,
    connectionTimeoutMillis: pool.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...(pgBouncer
      ? {}
      : {
          statement_timeout: pool.statementTimeoutMs ?? 30_000,
          // If this process dies mid-statement (SIGKILL), PostgreSQL notices within 2 s and rolls the
          // transaction back, rather than running a half-finished import on and holding its locks.
          options: "-c client_connection_check_interval=2000",
        }),
  });
  // A server that restarts or stops (a replica taken away) ends the idle connections too: the pool
  // drops them and opens new ones when asked. Unheard, that 'error' event would stop the process.
  connections.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(connections, { disposeExternalPool: true }) });
  pools.set(prisma, connections);
  return prisma;
}

const primaries = new WeakMap<PrismaClient, PrismaClient>();

/**
 * A client for a streaming replica of `primary`'s database (read-only, and behind it by the
 * replica's lag). Whatever reads through it can still reach the primary (`primaryOf`), for
 * the little a read writes (pruning old change notes).
 */
export function createReplicaClient(
  primary: PrismaClient,
  connectionString: string,
  pool: DatabasePoolOptions = {},
): PrismaClient {
  const replica = createPrismaClient(connectionString, pool);
  primaries.set(replica, primary);
  return replica;
}

/** The primary a replica's client was made for; a primary's client is its own. */
export function primaryOf(prisma: PrismaClient): PrismaClient {
  return primaries.get(prisma) ?? prisma;
}

/**
 * The connection pool under a client made by `createPrismaClient`, for the one thing Prisma
 * cannot do: stream a file into PostgreSQL with COPY (the spend import).
 */
export function poolOf(prisma: PrismaClient): pg.Pool {
  const connections = pools.get(prisma);
  if (!connections) throw new Error("This Prisma client was not made by createPrismaClient.");
  return connections;
}

export { Prisma } from "../generated/prisma/client.ts";
export type { PrismaClient };
