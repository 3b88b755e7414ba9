// The oldest PostgreSQL Fundline supports (15), for what depends most on the server: the
// migrations (and the schema they must produce), the demo seed, reconciliation's SQL and backups.
// The everyday run (vitest.config.ts) uses the newest.
import { defineConfig } from "vitest/config";

process.env.FUNDLINE_TEST_POSTGRES = "15";

export default defineConfig({
  test: {
    include: [
      "prisma/**/*.test.ts",
      "apps/api/src/features/reconciliation/**/*.test.ts",
      // Backups need pg_dump of the server's major: here, only PostgreSQL 15's is installed.
      "apps/api/src/test/backup.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/generated/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
