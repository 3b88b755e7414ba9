// The database `pnpm db:backup` and `pnpm db:restore` work on: DATABASE_URL, or else the
// embedded one `pnpm start` uses (started for the purpose if Fundline is not running).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultDataRoot, startEmbeddedPostgres } from "../src/embedded-postgres.ts";
import { withClient } from "../src/with-client.ts";

export async function databaseAtHand(): Promise<{ url: string; release: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, release: async () => {} };
  const dataDir = join(defaultDataRoot(), "postgres");
  const port = Number(process.env.FUNDLINE_PG_PORT ?? 54329);
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    throw new Error(
      `There is no Fundline database in ${dataDir}: set DATABASE_URL, or FUNDLINE_DATA_DIR to where it is.`,
    );
  }
  if (!existsSync(`${dataDir}.password`)) {
    throw new Error(
      `The database in ${dataDir} keeps no password file (a throwaway one, FUNDLINE_DATA_EPHEMERAL=true?): set DATABASE_URL to reach it.`,
    );
  }
  const password = (await readFile(`${dataDir}.password`, "utf8")).trim();
  const url = `postgresql://fundline:${encodeURIComponent(password)}@127.0.0.1:${port}/fundline`;
  // Fundline is running: its PostgreSQL answers, and is left running.
  if (await withClient(url, async () => true).catch(() => false)) return { url, release: async () => {} };
  console.log(`Starting the embedded PostgreSQL in ${dataDir} for this …`);
  const running = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  return { url: running.urlFor("fundline"), release: () => running.stop() };
}
