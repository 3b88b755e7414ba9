// `pnpm db:restore <file> [--replace]`: a backup made by `pnpm db:backup`, into an empty
// database, or replacing what is there with --replace (stop Fundline first).
import { resolve } from "node:path";
import { restoreDatabase } from "../src/backup.ts";
import { databaseAtHand } from "./database-at-hand.ts";

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error("Usage: pnpm db:restore <backup file> [--replace]");
  process.exit(2);
}
try {
  const database = await databaseAtHand();
  try {
    await restoreDatabase(database.url, resolve(process.env.INIT_CWD ?? process.cwd(), file), {
      replace: flags.includes("--replace"),
    });
  } finally {
    await database.release();
  }
  console.log(`Restored from ${file}`);
} catch (error) {
  console.error(`The restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
