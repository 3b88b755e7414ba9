// A backup restored into an empty database is the same database: every table's rows (running
// totals and the audit trail among them), and the reconciliation the API computes from them.
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BackupError,
  backupDatabase,
  createPrismaClient,
  findPostgresTool,
  restoreDatabase,
  serverMajor,
  withClient,
} from "@fundline/db";
import Fastify from "fastify";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { app, serverOptions } from "../app.ts";
import { buildTestApp, seedAndFindDartington, signInAs, type TestApp } from "./test-app.ts";

let test: TestApp;
let url: string;
beforeAll(async () => {
  test = await buildTestApp();
  const { programmeId, costLineId } = await seedAndFindDartington(test.prisma);
  // Writes through the API, so the audit trail and the running totals have something to keep.
  const spend = await test.inject({
    method: "POST",
    url: "/api/spend",
    payload: { programmeId, costLineId, spentOn: "2020-06-30", amountPence: 123_456, supplierName: "Backup Ltd" },
  });
  expect(spend.statusCode).toBe(201);
  const [database] = await test.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  url = databaseUrlOf(database?.name ?? "");
});
afterAll(() => test.close());

/** The test database's URL, from the cluster's admin URL and the database's name. */
function databaseUrlOf(name: string): string {
  const admin = new URL(inject("databaseAdminUrl"));
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** Every table's rows, as one checksum each: two databases with the same checksums hold the same data. */
async function tableChecksums(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (client) => {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      )
    ).rows.map((row) => row.name);
    const sums: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ sum: string; count: number }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum, count(*)::int AS count FROM "${table}" t`,
      );
      sums[table] = `${rows[0]?.count} rows ${rows[0]?.sum}`;
    }
    return sums;
  });
}

it("restores a backup into an empty database with identical tables, totals, audit trail and reconciliation", async (context) => {
  const major = await serverMajor(url);
  const tools = await findPostgresTool("pg_dump", major).catch((error: Error) => error);
  if (tools instanceof BackupError) {
    // PostgreSQL's client tools are not part of the embedded server; a machine without them for
    // this major cannot back up. Said, not hidden: the oldest-PostgreSQL run here has them.
    console.warn(`Backup test skipped on PostgreSQL ${major}: ${tools.message}`);
    context.skip();
  }
  const file = join(tmpdir(), `fundline-backup-test-${process.pid}.dump`);
  const restoredName = `fundline_restored_${process.pid}_${Date.now()}`;
  await withClient(inject("databaseAdminUrl"), (client) => client.query(`CREATE DATABASE ${restoredName}`));
  const restoredUrl = databaseUrlOf(restoredName);
  const prisma = createPrismaClient(restoredUrl);
  const fastify = Fastify({ ...serverOptions, logger: false });
  try {
    await backupDatabase(url, file);
    await restoreDatabase(restoredUrl, file);
    expect(await tableChecksums(restoredUrl)).toEqual(await tableChecksums(url));

    // The same figures from the API on the copy, read as the same person.
    await fastify.register(app, { prisma });
    const reader = await signInAs(fastify, "administrator@test.example");
    for (const path of ["/api/reconciliation?pageSize=500", "/api/programmes?pageSize=500", "/api/dashboard"]) {
      const original = await test.inject({ url: path });
      const copy = await reader.inject({ url: path });
      expect(copy.statusCode).toBe(200);
      expect(copy.json()).toEqual(original.json());
    }
    const history = await test.prisma.auditEvent.count();
    expect(history).toBeGreaterThan(0);
    expect(await prisma.auditEvent.count()).toBe(history);

    // A database that already holds Fundline is not overwritten unless asked.
    await expect(restoreDatabase(restoredUrl, file)).rejects.toThrow(/already holds Fundline's data/);
  } finally {
    await fastify.close();
    await prisma.$disconnect();
    await rm(file, { force: true });
    await withClient(inject("databaseAdminUrl"), (client) =>
      client.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`),
    );
  }
}, 120_000);
