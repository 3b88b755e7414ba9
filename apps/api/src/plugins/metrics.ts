// Prometheus metrics: request latency by route, the database pool (and how many requests wait
// for a connection), ledger rows imported, and the process itself (memory, handles, event loop).
// The registry is served by server.ts on a port of its own, loopback by default: never public.
import { type PrismaClient, poolOf } from "@fundline/db";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { transactionRetries } from "../lib/transaction-retries.ts";

export type Metrics = {
  registry: Registry;
  /** Ledger rows written by spend imports, and rows skipped. */
  importRows: Counter<"outcome">;
};

declare module "fastify" {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export const metricsPlugin = fp<{ prisma: PrismaClient }>(
  async (fastify, { prisma }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "fundline_" });
    const latency = new Histogram({
      name: "fundline_http_request_duration_seconds",
      help: "Time to answer a request, by route pattern, method and status",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    // A pool that is not ours (a test's client) has no figures to show.
    const pool = (() => {
      try {
        return poolOf(prisma);
      } catch {
        return null;
      }
    })();
    const poolGauge = (name: string, help: string, read: (connections: NonNullable<typeof pool>) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          if (pool) this.set(read(pool));
        },
      });
    poolGauge("fundline_db_pool_waiting", "Requests waiting for a database connection", (p) => p.waitingCount);
    poolGauge("fundline_db_pool_connections", "Database connections open", (p) => p.totalCount);
    poolGauge("fundline_db_pool_idle", "Database connections open and idle", (p) => p.idleCount);
    const importRows = new Counter({
      name: "fundline_import_rows_total",
      help: "Ledger rows handled by spend imports, by outcome",
      labelNames: ["outcome"] as const,
      registers: [registry],
    });
    registry.registerMetric(transactionRetries);
    fastify.decorate("metrics", { registry, importRows });

    fastify.addHook("onResponse", async (request, reply) => {
      // The route's pattern (`/api/programmes/:id`), never the address itself: bounded labels.
      const route = request.routeOptions.url ?? "unmatched";
      latency.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1_000,
      );
    });
  },
  { name: "metrics" },
);
