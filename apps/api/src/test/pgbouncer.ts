// A real PgBouncer (Debian's package) in transaction mode in front of a test database: what a
// national deployment puts between many API servers and one PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@fundline/db";
import pg from "pg";

export const PGBOUNCER = [process.env.FUNDLINE_TEST_PGBOUNCER, "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find(
  (path): path is string => Boolean(path && existsSync(path)),
);

export type RunningPgBouncer = {
  /** The app's connection string: through PgBouncer, marked `pgbouncer=true`. */
  url: string;
  /** PgBouncer's own console (SHOW POOLS, SHOW DATABASES). */
  show: (command: string) => Promise<Record<string, unknown>[]>;
  stop: () => Promise<void>;
};

export async function startPgBouncer(
  databaseUrl: string,
  { poolSize }: { poolSize: number },
): Promise<RunningPgBouncer> {
  if (!PGBOUNCER) throw new Error("PgBouncer is not installed (Debian: apt-get install pgbouncer)");
  const target = new URL(databaseUrl);
  const database = target.pathname.slice(1);
  const port = await freePort();
  // PgBouncer will not run as root: as root it is started as nobody, who must reach its files.
  const dir = await mkdtemp(join(tmpdir(), "fundline-pgbouncer-"));
  await chmod(dir, 0o777);
  const config = join(dir, "pgbouncer.ini");
  await writeFile(
    config,
    `[databases]
${database} = host=${target.hostname} port=${target.port} dbname=${database} user=${decodeURIComponent(target.username)} password=${decodeURIComponent(target.password)}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = any
admin_users = fundline_console
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 200
logfile = ${join(dir, "pgbouncer.log")}
pidfile = ${join(dir, "pgbouncer.pid")}
`,
  );
  await chmod(config, 0o644);
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ["-u", "nobody"] : []), config], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = `postgresql://fundline:unused@127.0.0.1:${port}/${database}?pgbouncer=true`;
  const consoleUrl = `postgresql://fundline_console@127.0.0.1:${port}/pgbouncer`;
  const show = async (command: string) => {
    // The console speaks the simple protocol only.
    const client = new pg.Client({ connectionString: consoleUrl });
    await client.connect();
    try {
      return (await client.query({ text: command, queryMode: "simple" } as pg.QueryConfig)).rows;
    } finally {
      await client.end();
    }
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await show("SHOW VERSION");
      break;
    } catch (error) {
      if (attempt > 50 || child.exitCode !== null) throw new Error(`PgBouncer did not start: ${stderr || error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    show,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
