// Backups with PostgreSQL's own tools: pg_dump's custom format (compressed, restorable table by
// table) and pg_restore. Both must be the server's major version or newer; they are looked for
// on PATH and where Debian, Ubuntu and Red Hat put each version's client.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { withClient } from "./with-client.ts";

const run = promisify(execFile);

export class BackupError extends Error {}

/** The server's major version (15, 18 …). */
export async function serverMajor(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ version: number }>(
      "SELECT current_setting('server_version_num')::int AS version",
    );
    return Math.floor(Number(rows[0]?.version) / 10_000);
  });
}

/** The major version a pg_dump or pg_restore at `path` is, or null if it does not run. */
async function toolMajor(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ["--version"]);
    const major = /\b(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ""))?.[1];
    return major ? Number(major) : null;
  } catch {
    return null;
  }
}

/** A pg_dump or pg_restore that can work with a server of `major`: the same version or newer. */
export async function findPostgresTool(tool: "pg_dump" | "pg_restore", major: number): Promise<string> {
  const candidates = [
    ...[18, 17, 16, 15]
      .filter((version) => version >= major)
      .flatMap((version) => [`/usr/lib/postgresql/${version}/bin/${tool}`, `/usr/pgsql-${version}/bin/${tool}`]),
    tool,
  ];
  for (const candidate of candidates) {
    if (candidate.includes("/") && !existsSync(candidate)) continue;
    const version = await toolMajor(candidate);
    if (version !== null && version >= major) return candidate;
  }
  throw new BackupError(
    `${tool} for PostgreSQL ${major} or newer was not found. Install PostgreSQL ${major}'s client tools ` +
      `(Debian and Ubuntu: postgresql-client-${major} from apt.postgresql.org; macOS: brew install postgresql@${major}), then try again.`,
  );
}

/** Writes the whole database to `file` in pg_dump's custom format. */
export async function backupDatabase(databaseUrl: string, file: string): Promise<void> {
  const pgDump = await findPostgresTool("pg_dump", await serverMajor(databaseUrl));
  await run(pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${databaseUrl}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Restores a backup into `databaseUrl`. An empty database is filled; one that already holds
 * Fundline's tables is replaced only when `replace` is set, in one transaction (all or nothing).
 */
export async function restoreDatabase(databaseUrl: string, file: string, { replace = false } = {}): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`There is no backup file at ${file}.`);
  const holdsData = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(
      `SELECT to_regclass('public."_prisma_migrations"') IS NOT NULL AS present`,
    );
    return rows[0]?.present ?? false;
  });
  if (holdsData && !replace) {
    throw new BackupError(
      "This database already holds Fundline's data. Restore into an empty database, or pass --replace to replace what is there.",
    );
  }
  const pgRestore = await findPostgresTool("pg_restore", await serverMajor(databaseUrl));
  await run(
    pgRestore,
    [
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      ...(replace ? ["--clean", "--if-exists"] : []),
      `--dbname=${databaseUrl}`,
      file,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}
