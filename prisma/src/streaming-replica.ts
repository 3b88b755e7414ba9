// A real PostgreSQL streaming replica for tests and the load test: a primary (the embedded
// PostgreSQL 15) copied with pg_basebackup, then run as a hot standby that replays the
// primary's WAL. The embedded binaries have no pg_basebackup, so Debian's is used
// (postgresql-client); it copies servers of its own major or older, and Debian 12's is 15,
// hence a primary of the oldest supported major.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { userInfo } from "node:os";
import { promisify } from "node:util";
import { freePort, type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { loadEmbeddedPostgres } from "./postgres-binaries.ts";
import { withClient } from "./with-client.ts";

const run = promisify(execFile);

/** pg_basebackup of PostgreSQL 15 or newer: the one named, or the newest Debian has installed. */
export const PG_BASEBACKUP = [
  process.env.FUNDLINE_TEST_PG_BASEBACKUP,
  ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [])
    .filter((major) => Number(major) >= 15)
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => `/usr/lib/postgresql/${major}/bin/pg_basebackup`),
].find((path): path is string => Boolean(path && existsSync(path)));

export type PrimaryWithReplica = {
  primary: RunningPostgres;
  /** The replica's connection string for `database` (read-only: a hot standby). */
  replicaUrlFor: (database: string) => string;
  /** Stops the replica (as a failed server would go); the primary runs on. */
  stopReplica: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts an embedded PostgreSQL 15 primary and a streaming replica of it, both under /tmp and
 * removed when stopped. `prepare` runs on the primary first (making and migrating a database):
 * the replica is copied afterwards, and from then on only replays what the primary writes.
 */
export async function startPrimaryWithReplica(
  prepare: (primary: RunningPostgres) => Promise<void> = async () => {},
): Promise<PrimaryWithReplica> {
  if (!PG_BASEBACKUP) throw new Error("pg_basebackup is not installed (Debian: apt-get install postgresql-client)");
  const name = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const primary = await startEmbeddedPostgres({
    dataDir: `/tmp/fundline-primary-${name}`,
    port: await freePort(),
    persistent: false,
    binaries: "embedded-postgres-15",
  });
  let replica: { stop: () => Promise<void> } | undefined;
  try {
    await prepare(primary);
    const replicaDir = `/tmp/fundline-replica-${name}`;
    const asRoot = process.platform !== "win32" && userInfo().uid === 0;
    // As root, PostgreSQL runs as the `postgres` user (embedded-postgres made it for the primary):
    // the copy is made as that user, so the replica's server owns its folder.
    const owner = asRoot ? await postgresUser() : {};
    const admin = new URL(primary.adminUrl);
    // -R writes standby.signal and the primary's address, so the copy starts as a standby.
    await run(
      PG_BASEBACKUP,
      [
        "-d",
        `${primary.adminUrl}?application_name=fundline_replica`,
        "-D",
        replicaDir,
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
      ],
      { ...owner, env: { ...process.env, PGPASSWORD: decodeURIComponent(admin.password) } },
    );
    const port = await freePort();
    const EmbeddedPostgres = await loadEmbeddedPostgres("embedded-postgres-15");
    const server = new EmbeddedPostgres({
      databaseDir: replicaDir,
      port,
      user: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
      persistent: false,
      createPostgresUser: asRoot,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "hot_standby=on"],
      onLog: () => {},
    });
    // The package's start waits for "ready to accept connections", which a standby never says
    // (it is ready for read-only ones): its start is left running and the standby asked instead.
    server.start().catch(() => {});
    const replicaAdmin = new URL(primary.adminUrl);
    replicaAdmin.port = String(port);
    await untilStandbyAnswers(replicaAdmin.toString());
    replica = { stop: () => server.stop() };
    const stopReplica = async () => {
      await replica?.stop();
      replica = undefined;
    };
    return {
      primary,
      replicaUrlFor: (database) => {
        const url = new URL(primary.urlFor(database));
        url.port = String(port);
        return url.toString();
      },
      stopReplica,
      stop: async () => {
        await stopReplica();
        await primary.stop();
      },
    };
  } catch (error) {
    await replica?.stop().catch(() => {});
    await primary.stop().catch(() => {});
    throw error;
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function untilStandbyAnswers(url: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const standby = await withClient(url, async (client) => {
        const { rows } = await client.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby");
        return rows[0]?.standby;
      });
      if (standby) return;
      throw new Error("the copy is not a standby");
    } catch (error) {
      if (attempt >= 150) throw new Error(`the replica did not start: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
