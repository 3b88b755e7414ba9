import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, readMigrations } from "./migrate.ts";
import { createTestDatabase, withClient } from "./testing.ts";

const prismaDir = fileURLToPath(new URL("..", import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve("tsx");

// Everything schema.prisma can say, read from the catalog. CHECK constraints, triggers and
// partial indexes are left out on purpose: Prisma's schema cannot express them, so they live
// only in migrations.
const CATALOG = `
  SELECT 'column' AS kind, table_name || '.' || column_name AS name,
         concat_ws(' ', udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale) AS definition
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL
  SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    AND indexdef NOT LIKE '% WHERE %'
  UNION ALL
  SELECT 'constraint', conrelid::regclass || '.' || conname, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f')
    AND conrelid::regclass::text <> '_prisma_migrations'
  UNION ALL
  SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  ORDER BY 1, 2`;

type CatalogRow = { kind: string; name: string; definition: string };

let migrated: Awaited<ReturnType<typeof createTestDatabase>>;
let fromSchema: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  const adminUrl = inject("databaseAdminUrl");
  migrated = await createTestDatabase(adminUrl); // the template is built by applyMigrations
  fromSchema = await createTestDatabase(adminUrl);
  await withClient(fromSchema.url, (client) => client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
});
afterAll(async () => {
  await migrated.drop();
  await fromSchema.drop();
});

describe("migrations", () => {
  it("produce exactly the database schema.prisma describes (no drift)", async () => {
    // Prisma's own engine (WebAssembly build) writes the SQL for schema.prisma from nothing.
    const { stdout: sql } = await promisify(execFile)(
      process.execPath,
      ["--experimental-wasm-modules", "--no-warnings", "--import", tsxLoader, join(prismaDir, "scripts/schema-sql.ts")],
      { env: { ...process.env, DATABASE_URL: fromSchema.url }, maxBuffer: 10_000_000 },
    );
    expect(sql).toContain('CREATE TABLE "FundingCommitment"');
    await withClient(fromSchema.url, (client) => client.query(sql));

    const catalog = (url: string) => withClient(url, (client) => client.query<CatalogRow>(CATALOG).then((r) => r.rows));
    const [fromMigrations, expected] = await Promise.all([catalog(migrated.url), catalog(fromSchema.url)]);
    expect(fromMigrations.length).toBeGreaterThan(200);
    expect(fromMigrations).toEqual(expected);
  }, 60_000);

  it("are recorded in _prisma_migrations as prisma migrate deploy records them", async () => {
    const migrations = await readMigrations();
    const rows = await withClient(migrated.url, (client) =>
      client
        .query(
          'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
        )
        .then((r) => r.rows),
    );
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      migrations.map((migration) => [migration.name, migration.checksum, 1]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    // Running again applies nothing.
    expect(await applyMigrations(migrated.url)).toEqual([]);
  });

  it("enforce the money rules and keep the audit trail append-only", async () => {
    await withClient(migrated.url, async (client) => {
      const org = await client.query(
        `INSERT INTO "Organisation" (name, kinds, "updatedAt") VALUES ('Funder', '{funder}', now()) RETURNING id`,
      );
      const fund = await client.query(
        `INSERT INTO "Fund" ("funderId", name, "fundType", "updatedAt") VALUES ($1, 'Pot', 'revenue', now()) RETURNING id`,
        [org.rows[0].id],
      );
      await expect(
        client.query(
          `INSERT INTO "FundingCommitment" ("fundId", title, "amountPence", status, "updatedAt") VALUES ($1, 'x', -1, 'awarded', now())`,
          [fund.rows[0].id],
        ),
      ).rejects.toThrow(/FundingCommitment_amountPence_not_negative/);
      await client.query(
        `INSERT INTO "AuditEvent" ("actorLabel", "entityType", "entityId", action, changes) VALUES ('test', 'Fund', 'x', 'create', '{}')`,
      );
      await expect(client.query(`UPDATE "AuditEvent" SET reason = 'edited'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    });
  });
});

describe("a migration that cannot be applied", () => {
  it("stops with a plain message and leaves the database as it was", async () => {
    const { cp, mkdir, mkdtemp, rm, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { MIGRATIONS_DIR, MigrationError } = await import("./migrate.ts");
    const dir = await mkdtemp(join(tmpdir(), "fundline-migrations-"));
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      // Its first statement works; its second cannot: neither may stay.
      await mkdir(join(dir, "99999999999999_cannot_apply"));
      await writeFile(
        join(dir, "99999999999999_cannot_apply", "migration.sql"),
        `CREATE TABLE "HalfDone" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n`,
      );
      const recorded = () =>
        withClient(database.url, async (client) => ({
          migrations: (await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows[0]?.n,
          halfDone: (await client.query(`SELECT to_regclass('public."HalfDone"') IS NOT NULL AS present`)).rows[0]
            ?.present,
        }));
      const before = await recorded();
      const failure = await applyMigrations(database.url, dir).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as Error).message).toMatch(
        /^Migration 99999999999999_cannot_apply failed and was rolled back: relation "NoSuchTable" does not exist/,
      );
      expect(await recorded()).toEqual(before);
      expect(before.halfDone).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
