// `pnpm db:backup [file]`: the whole database, in pg_dump's custom format.
import { resolve } from "node:path";
import { backupDatabase } from "../src/backup.ts";
import { databaseAtHand } from "./database-at-hand.ts";

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const file = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? `fundline-${stamp}.dump`);
try {
  const database = await databaseAtHand();
  try {
    await backupDatabase(database.url, file);
  } finally {
    await database.release();
  }
  console.log(`Backed up to ${file}`);
} catch (error) {
  console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
