// Start-up and shutdown only: configuration, the database (embedded unless DATABASE_URL is
// set), migrations, demo seed, then the app. Every failure a user can fix gets a plain message.
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import {
  applyMigrations,
  assertPortFree,
  createPrismaClient,
  createReplicaClient,
  defaultDataRoot,
  ensureDatabase,
  MigrationError,
  PostgresStartError,
  type PrismaClient,
  type RunningPostgres,
  releaseShutdownSignals,
  startEmbeddedPostgres,
  throughPgBouncer,
} from "@fundline/db";
import { seedDemoProgrammes } from "@fundline/db/seed";
import Fastify from "fastify";
import type { Registry } from "prom-client";
import { app, serverOptions } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { isDatabaseUnavailable } from "./errors.ts";
import { scheduleWeeklyDigests } from "./features/digests/schedule.ts";
import { ensureDemoUsers, ensureFirstAdministrator, FirstUserError } from "./features/users/first-users.ts";
import { mailerFor } from "./lib/mailer.ts";
import { requestLogFields } from "./lib/request-log.ts";

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

class StartupError extends Error {}

/**
 * V8 lets the heap grow to up to four times what is live when a process allocates fast, as a busy
 * server does (each request's rows and JSON are garbage a moment later): under load the API's
 * resident memory tripled, nearly all of it garbage. Grown by half of what is live instead, it
 * stays near its working size with the same latencies (`pnpm bench` shows it), and still follows
 * a larger portfolio up rather than stopping at a fixed ceiling.
 */
const HEAP_GROWING_PERCENT = 50;

async function main() {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const config = loadConfig();
  await assertPortFree(config.PORT, config.HOST).catch(() => {
    throw new StartupError(
      `Port ${config.PORT} is already in use on ${config.HOST}. Stop whatever is using it, or set PORT to another port.`,
    );
  });

  let embedded: RunningPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const dataRoot = defaultDataRoot();
    const dataDir = join(dataRoot, "postgres");
    // A throwaway database starts empty, even if a killed earlier run left its folder behind.
    if (config.FUNDLINE_DATA_EPHEMERAL) await rm(dataRoot, { recursive: true, force: true });
    console.log(`Starting the embedded PostgreSQL (data in ${dataDir}) …`);
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.FUNDLINE_PG_PORT,
      persistent: !config.FUNDLINE_DATA_EPHEMERAL,
    });
    // Fundline stops its PostgreSQL itself, once the requests in flight have finished.
    releaseShutdownSignals();
    if (config.FUNDLINE_DATA_EPHEMERAL) {
      const stopCluster = embedded.stop;
      embedded.stop = async () => {
        await stopCluster();
        await rm(dataRoot, { recursive: true, force: true });
      };
    }
    await ensureDatabase(embedded, "fundline");
    databaseUrl = embedded.urlFor("fundline");
  }

  const prisma = createPrismaClient(databaseUrl, {
    maxConnections: config.DB_POOL_MAX,
    connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
  });
  if (config.DATABASE_REPLICA_URLS.length && !config.DATABASE_URL) {
    throw new StartupError("DATABASE_REPLICA_URLS needs DATABASE_URL: replicas are of a PostgreSQL you run yourself.");
  }
  // Replicas answer fast or not at all: a read waits at most a second before going to the primary.
  const replicas = config.DATABASE_REPLICA_URLS.map((url, index) => ({
    name: `${index + 1} (${new URL(url).host})`,
    prisma: createReplicaClient(prisma, url, {
      maxConnections: config.DB_POOL_MAX,
      connectionTimeoutMs: Math.min(config.DB_CONNECTION_TIMEOUT_MS, 1_000),
    }),
  }));
  const fastify = Fastify({
    ...serverOptions,
    // JSON lines with each request's id, method, path (no secrets: requestLogFields) and status.
    logger: {
      level: config.LOG_LEVEL,
      serializers: {
        req: requestLogFields,
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    // Only the listed proxies may say who the client is (rate limits and the audit use it).
    trustProxy: config.TRUST_PROXY.length ? config.TRUST_PROXY : false,
  });

  const disconnect = () =>
    Promise.all([prisma, ...replicas.map((replica) => replica.prisma)].map((client) => client.$disconnect())).catch(
      () => {},
    );
  let metricsServer: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping Fundline …`);
    // New requests are refused (503) at once; those in flight may finish within the grace period,
    // after which their connections are closed (their transactions roll back, never half-written).
    let grace: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      grace = setTimeout(() => {
        console.log(`Requests still running after ${config.FUNDLINE_SHUTDOWN_GRACE_MS} ms: closing their connections.`);
        fastify.server.closeAllConnections();
        resolve();
      }, config.FUNDLINE_SHUTDOWN_GRACE_MS);
    });
    await fastify.close().catch(() => {});
    await stopDigests?.();
    // Work whose client went away (or that streams its answer) holds no connection for close to
    // wait on: it may finish too, within the same grace period, before the pool closes under it.
    await Promise.race([fastify.workInFlight.settled(), graceOver]);
    clearTimeout(grace);
    metricsServer?.close();
    await disconnect();
    await embedded?.stop().catch(() => {});
    console.log("Fundline stopped.");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  // A promise nobody awaited that failed (a request's side work) is a bug to log, not a reason to
  // stop serving every other council: Node's default would exit the process.
  process.on("unhandledRejection", (reason) => fastify.log.error({ err: reason }, "unhandled promise rejection"));

  let signInLines: string[] = [];
  let stopDigests: (() => Promise<void>) | undefined;
  try {
    if (throughPgBouncer(databaseUrl).pgBouncer && !config.DATABASE_DIRECT_URL) {
      throw new StartupError(
        "DATABASE_URL goes through PgBouncer (pgbouncer=true): set DATABASE_DIRECT_URL to the database itself, for migrations.",
      );
    }
    const applied = await applyMigrations(config.DATABASE_DIRECT_URL ?? databaseUrl);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    if (config.FUNDLINE_SEED === "demo") {
      const seed = await seedDemoProgrammes(prisma);
      if (seed.seeded) console.log(`Seeded ${seed.programmes} demo programmes.`);
    }
    signInLines = await prepareFirstUsers(prisma, config);
    await fastify.register(app, {
      prisma,
      webDist: config.FUNDLINE_WEB_DIST ?? DEFAULT_WEB_DIST,
      keepPortfolio: config.FUNDLINE_PORTFOLIO_CACHE === "on",
      replicas: { replicas, maxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS },
      publicUrl: config.FUNDLINE_PUBLIC_URL,
      access: {
        secureCookies: config.NODE_ENV === "production",
        publicDocumentation: config.NODE_ENV !== "production",
        idleMinutes: config.SESSION_IDLE_MINUTES,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      },
    });
    await fastify.listen({ port: config.PORT, host: config.HOST });
    if (config.FUNDLINE_METRICS_PORT) {
      metricsServer = await serveMetrics(
        fastify.metrics.registry,
        config.FUNDLINE_METRICS_PORT,
        config.FUNDLINE_METRICS_HOST,
      );
      console.log(
        `Metrics (Prometheus) at http://${config.FUNDLINE_METRICS_HOST}:${config.FUNDLINE_METRICS_PORT}/metrics`,
      );
    }
  } catch (error) {
    await fastify.close().catch(() => {});
    await disconnect();
    await embedded?.stop().catch(() => {});
    throw error;
  }
  const shownHost = config.HOST === "127.0.0.1" || config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  console.log(`Fundline is running at http://${shownHost}:${config.PORT}  (Ctrl-C to stop)`);
  for (const line of signInLines) console.log(line);
  const mailer = mailerFor({
    smtpUrl: config.FUNDLINE_SMTP_URL,
    from: config.FUNDLINE_MAIL_FROM,
    production: config.NODE_ENV === "production",
  });
  if (config.FUNDLINE_WEEKLY_DIGESTS === "on" && mailer) {
    console.log(`Weekly digests go by ${mailer.describe}.`);
    stopDigests = scheduleWeeklyDigests(prisma, {
      mailer,
      siteUrl: config.FUNDLINE_PUBLIC_URL ?? `http://${shownHost}:${config.PORT}`,
      log: fastify.log,
    });
  } else if (config.FUNDLINE_WEEKLY_DIGESTS === "on") {
    console.log("Weekly digests are not sent: set FUNDLINE_SMTP_URL to a mail server.");
  }
}

/**
 * Prometheus metrics on a listener of their own, so they are never reachable through the public
 * port; loopback unless FUNDLINE_METRICS_HOST says otherwise.
 */
function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", () =>
      reject(new StartupError(`Port ${port} for metrics is already in use: set FUNDLINE_METRICS_PORT to another.`)),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/** The first administrator (from the environment) and, in development, the demo users. */
async function prepareFirstUsers(prisma: PrismaClient, config: Config): Promise<string[]> {
  const lines: string[] = [];
  if (config.FUNDLINE_ADMIN_EMAIL || config.FUNDLINE_ADMIN_PASSWORD) {
    if (!config.FUNDLINE_ADMIN_EMAIL || !config.FUNDLINE_ADMIN_PASSWORD) {
      throw new StartupError("set both FUNDLINE_ADMIN_EMAIL and FUNDLINE_ADMIN_PASSWORD, or neither.");
    }
    const admin = await ensureFirstAdministrator(prisma, {
      email: config.FUNDLINE_ADMIN_EMAIL,
      password: config.FUNDLINE_ADMIN_PASSWORD,
    });
    if (admin.created) lines.push(`Created the first administrator: ${admin.email}`);
  }
  if (config.NODE_ENV === "development" && config.FUNDLINE_SEED === "demo") {
    const demo = await ensureDemoUsers(prisma, config.FUNDLINE_DEMO_PASSWORD);
    if (demo.length) {
      lines.push("Demo users (development only), each with the password in FUNDLINE_DEMO_PASSWORD:");
      lines.push(...demo);
      lines.push(`  password: ${config.FUNDLINE_DEMO_PASSWORD}`);
    }
  } else if ((await prisma.user.count()) === 0) {
    lines.push(
      "No users yet: restart with FUNDLINE_ADMIN_EMAIL and FUNDLINE_ADMIN_PASSWORD to create the first administrator.",
    );
  }
  return lines;
}

main().catch((error: unknown) => {
  if (
    error instanceof StartupError ||
    error instanceof FirstUserError ||
    error instanceof ConfigError ||
    error instanceof PostgresStartError ||
    error instanceof MigrationError
  ) {
    console.error(`Fundline could not start: ${error.message}`);
  } else if (isDatabaseUnavailable(error)) {
    console.error(
      "Fundline could not start: the database cannot be reached. Check DATABASE_URL (host, port, user, password) and that PostgreSQL is running.",
    );
  } else if (isPostgresError(error) && isConnectionRefusal(error.code)) {
    console.error(
      `Fundline could not start: the database refused the connection (${error.message}). Check DATABASE_URL.`,
    );
  } else if (isPostgresError(error)) {
    console.error(
      `Fundline could not start: the database refused a statement while preparing it (${error.code}: ${error.message}). ` +
        "Fundline supports PostgreSQL 15 to 18; check the server's version (SELECT version()).",
    );
  } else {
    console.error("Fundline could not start because of an unexpected error:", error);
  }
  process.exit(1);
});

/** SQLSTATE classes that mean the connection itself was refused: 08 connection, 28 authorisation, 3D no such database. */
function isConnectionRefusal(code: string): boolean {
  return /^(08|28|3D)/.test(code);
}

/** An error PostgreSQL itself reported (wrong password, missing database …), with its SQLSTATE. */
function isPostgresError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? Reflect.get(error, "code") : undefined;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
