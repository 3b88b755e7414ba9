// The oldest PostgreSQL Fundline supports (15), for what depends most on the server: the
// migrations (and the schema they must produce), the demo seed and reconciliation's SQL.
// The everyday run (vitest.config.ts) uses the newest.
import { defineConfig } from "vitest/config";

process.env.FUNDLINE_TEST_POSTGRES = "15";

export default defineConfig({
  test: {
    include: ["prisma/**/*.test.ts", "apps/api/src/features/reconciliation/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/generated/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
