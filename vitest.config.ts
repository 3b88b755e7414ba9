import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/api/src/**/*.test.ts",
      // The web app's own logic (refresh rules, words, chart shaping) and its form components in
      // jsdom (money and date fields, the error summary, the 409 merge); its journeys are e2e's.
      "apps/web/src/**/*.test.ts",
      "apps/web/src/**/*.test.tsx",
      "prisma/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/generated/**"],
    // One real PostgreSQL for the run, started here and removed at the end.
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
