// Where a read goes. Writes, reads inside a write and anything not marked as able to lag use
// the primary. A read that may lag (`fastify.readMayLag`: dashboards, lists, exports, reports)
// goes to a replica that is caught up within DATABASE_REPLICA_MAX_LAG_MS, unless the caller
// wrote within that time: a successful write sets a cookie that lives exactly as long, so their
// next reads, on whichever server, see it (by then any replica in use holds it). A read that
// fails on a replica is read again on the primary, and that replica is rested.
import type { PrismaClient } from "@fundline/db";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Counter, Gauge } from "prom-client";
import { ReadReplicas } from "../lib/read-replicas.ts";

export type ReplicaOptions = {
  /** Clients made by `createReplicaClient`, one per replica, named for logs and health. */
  replicas: { name: string; prisma: PrismaClient }[];
  maxLagMs: number;
  /** How often each replica's lag is measured (ms). */
  probeIntervalMs?: number;
};

declare module "fastify" {
  interface FastifyInstance {
    readReplicas: ReadReplicas;
    /** Runs `read` on a replica when it may (see above), otherwise on the primary. `mayLag: false` keeps it on the primary (an as-at read writes temporary tables). */
    readMayLag<T>(
      request: FastifyRequest,
      read: (prisma: PrismaClient) => Promise<T>,
      options?: { mayLag?: boolean },
    ): Promise<T>;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const readReplicasPlugin = fp<{ prisma: PrismaClient; replicas?: ReplicaOptions }>(
  async (fastify, { prisma, replicas: options }) => {
    const replicas = new ReadReplicas(prisma, options?.replicas ?? [], {
      maxLagMs: options?.maxLagMs ?? 0,
      probeIntervalMs: options?.probeIntervalMs ?? 500,
      onProblem: (message) => fastify.log.warn(message),
    });
    fastify.decorate("readReplicas", replicas);
    const cookie = `${fastify.sessionCookie.secure ? "__Host-" : ""}fundline_wrote`;
    const registers = [fastify.metrics.registry];
    const reads = new Counter({
      name: "fundline_reads_that_may_lag_total",
      help: "Reads that may lag, by where they were answered: replica, primary, or primary_fallback (the replica failed)",
      labelNames: ["database"] as const,
      registers,
    });
    new Gauge({
      name: "fundline_replica_lag_seconds",
      help: "How far each replica is known to be behind the primary (NaN until measured)",
      labelNames: ["replica"] as const,
      registers,
      collect() {
        for (const { name, lagMs } of replicas.status())
          this.set({ replica: name }, lagMs === null ? Number.NaN : lagMs / 1000);
      },
    });

    fastify.decorate(
      "readMayLag",
      async <T>(request: FastifyRequest, read: (client: PrismaClient) => Promise<T>, { mayLag = true } = {}) => {
        const replica = mayLag && !request.cookies[cookie] ? replicas.pick() : undefined;
        if (!replica) {
          replicas.counts.primary++;
          reads.inc({ database: "primary" });
          return read(prisma);
        }
        try {
          const answer = await read(replica.prisma);
          replicas.counts.replica++;
          reads.inc({ database: "replica" });
          return answer;
        } catch (error) {
          // The caller's own mistakes (a 404, a 400) are answered as they are; anything else
          // (the replica gone, a query cancelled by its replay) is the replica's, not theirs.
          if (typeof (error as { statusCode?: unknown }).statusCode === "number") throw error;
          replicas.failed(replica, error);
          replicas.counts.fellBack++;
          reads.inc({ database: "primary_fallback" });
          return read(prisma);
        }
      },
    );

    if (!replicas.configured) return;
    fastify.addHook("onSend", async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return;
      reply.setCookie(cookie, "1", {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: fastify.sessionCookie.secure,
        maxAge: Math.ceil(options!.maxLagMs / 1000),
      });
    });
    replicas.start();
    fastify.addHook("onClose", () => replicas.stop());
  },
  { name: "read-replicas", dependencies: ["access", "metrics"] },
);
