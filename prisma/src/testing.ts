// Real PostgreSQL for tests: one embedded cluster per test run (started and removed by the
// run), a migrated template database, and a fresh copy of it for each test file.
import { randomBytes } from "node:crypto";
import { freePort, type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrate.ts";
import { withClient } from "./with-client.ts";

export { withClient };

export const TEMPLATE_DATABASE = "fundline_template";

export type TestCluster = { adminUrl: string; stop: () => Promise<void> };

/** Starts a throwaway cluster under /tmp with a migrated template database. */
export async function startTestCluster(): Promise<TestCluster> {
  // A PostgreSQL of one's own (another major, say): its maintenance database's URL. The
  // template database is made there and dropped afterwards.
  const external = process.env.FUNDLINE_TEST_ADMIN_URL;
  if (external) {
    await withClient(external, (client) => client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`));
    await withClient(external, (client) => client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
    const template = new URL(external);
    template.pathname = `/${TEMPLATE_DATABASE}`;
    await applyMigrations(template.toString());
    return {
      adminUrl: external,
      stop: () =>
        withClient(external, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`),
        ).then(() => {}),
    };
  }
  // A folder that does not exist yet under /tmp: PostgreSQL (as the `postgres` user when run as
  // root) creates it itself. It is deleted when the cluster stops.
  const dataDir = `/tmp/fundline-test-${process.pid}-${randomBytes(4).toString("hex")}`;
  const port = await freePort();
  const running: RunningPostgres = await startEmbeddedPostgres({
    dataDir,
    port,
    persistent: false,
    // The oldest supported PostgreSQL when asked for (vitest.oldest-postgres.config.ts).
    binaries: process.env.FUNDLINE_TEST_POSTGRES === "15" ? "embedded-postgres-15" : "embedded-postgres",
  });
  await withClient(running.adminUrl, (client) => client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
  await applyMigrations(running.urlFor(TEMPLATE_DATABASE));
  return { adminUrl: running.adminUrl, stop: running.stop };
}

/** A new database copied from the migrated template. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fundline_test_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

// What vitest.global-setup.ts hands to every test file.
declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}
