import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { DEMO_PASSWORD } from "./tests/sign-in.ts";

// Playwright's own Chromium where it is installed; otherwise the system's (Debian's
// /usr/bin/chromium), or whatever CHROMIUM_PATH names.
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(chromium.executablePath())) return undefined;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const port = Number(process.env.E2E_PORT ?? 3210);
const executablePath = chromiumExecutable();
/** The test server's throwaway database folder; global-teardown.ts removes what is left. */
export const e2eDataDir = `/tmp/fundline-e2e-${port}`;

export default defineConfig({
  testDir: "tests",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  globalTeardown: "./global-teardown.ts",
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The real start-up path: embedded PostgreSQL in a throwaway folder (deleted when it stops),
  // migrations, demo seed, then the built web app and API on one port.
  webServer: {
    command: "pnpm --filter @fundline/api run start",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      FUNDLINE_DATA_DIR: e2eDataDir,
      FUNDLINE_DATA_EPHEMERAL: "true",
      FUNDLINE_PG_PORT: String(port + 1),
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      FUNDLINE_DEMO_PASSWORD: DEMO_PASSWORD,
    },
  },
});
