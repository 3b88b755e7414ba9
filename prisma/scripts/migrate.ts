// `pnpm db:migrate`: applies pending migrations to DATABASE_URL.
import { applyMigrations } from "../src/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`pnpm start` migrates its embedded database by itself.)");
  process.exit(2);
}
try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
