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
  await withClient(fromSchema.url, (client) =>
    client.query("DROP SCHEMA IF EXISTS as_at CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public"),
  );
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

describe("the record owners migration", () => {
  it("places each money record with its creator's council from the audit trail, and says how many it could not", async () => {
    const { cp, mkdtemp, readdir, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { MIGRATIONS_DIR } = await import("./migrate.ts");
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    const before = await mkdtemp(join(tmpdir(), "fundline-before-owners-"));
    try {
      await withClient(database.url, (client) =>
        client.query("DROP SCHEMA IF EXISTS as_at CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public"),
      );
      for (const name of await readdir(MIGRATIONS_DIR)) {
        if (name < "20261205211542_record_owners")
          await cp(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
      }
      await applyMigrations(database.url, before, { onNotice: () => {} });
      const spend = await withClient(database.url, async (client) => {
        const one = async (sql: string, values: unknown[] = []) =>
          (await client.query(sql, values)).rows[0].id as string;
        const council = (name: string) =>
          one(`INSERT INTO "Organisation" (name, kinds, "updatedAt") VALUES ($1, '{council}', now()) RETURNING id`, [
            name,
          ]);
        const [lead, partner, elsewhere] = [
          await council("Lead"),
          await council("Partner"),
          await council("Elsewhere"),
        ];
        const programme = await one(
          `INSERT INTO "Programme" (name, "leadOrganisationId", status, "updatedAt") VALUES ('Shared', $1, 'approved', now()) RETURNING id`,
          [lead],
        );
        await client.query(
          `INSERT INTO "ProgrammePartner" ("programmeId", "organisationId", role, "updatedAt") VALUES ($1, $2, 'partner', now())`,
          [programme, partner],
        );
        const user = (organisation: string, email: string) =>
          one(
            `INSERT INTO "User" (email, "displayName", "organisationId", role, "passwordHash", "updatedAt")
             VALUES ($1, $1, $2, 'finance_officer', 'x', now()) RETURNING id`,
            [email, organisation],
          );
        const [partnerUser, elsewhereUser] = [await user(partner, "p@x.test"), await user(elsewhere, "e@x.test")];
        const line = await one(
          `INSERT INTO "CostLine" ("programmeId", name, "updatedAt") VALUES ($1, 'Line', now()) RETURNING id`,
          [programme],
        );
        const pay = (payer: string | null) =>
          one(
            `INSERT INTO "Spend" ("programmeId", "costLineId", "spentOn", "amountPence", "supplierName", "payingOrganisationId", "updatedAt")
             VALUES ($1, $2, '2024-05-01', 100, 'S', $3, now()) RETURNING id`,
            [programme, line, payer],
          );
        const created = (id: string, actor: string) =>
          client.query(
            `INSERT INTO "AuditEvent" ("actorId", "actorLabel", "entityType", "entityId", action, changes)
             VALUES ($1, 'x', 'Spend', $2, 'create', '{}')`,
            [actor, id],
          );
        const byPartner = await pay(null);
        await created(byPartner, partnerUser);
        const byOutsider = await pay(null); // an administrator of a council taking no part
        await created(byOutsider, elsewhereUser);
        const paidByPartner = await pay(partner);
        const unknown = await pay(null);
        return { lead, partner, byPartner, byOutsider, paidByPartner, unknown };
      });

      const notices: string[] = [];
      expect(await applyMigrations(database.url, MIGRATIONS_DIR, { onNotice: (text) => notices.push(text) })).toContain(
        "20261205211542_record_owners",
      );
      expect(notices).toContain(
        "20261205211542_record_owners: Record owners: could not place 2 payments of 4, 0 receipts of 0, 0 commitments of 0, 0 allocations of 0, 1 cost lines of 1, 0 cost-sharing agreements of 0, 0 imports of 0 (these stay with their programme's lead council)",
      );
      const owners = await withClient(database.url, async (client) =>
        Object.fromEntries(
          (await client.query(`SELECT id, "ownerOrganisationId" AS owner FROM "Spend"`)).rows.map((row) => [
            row.id,
            row.owner,
          ]),
        ),
      );
      expect([spend.byPartner, spend.byOutsider, spend.paidByPartner, spend.unknown].map((id) => owners[id])).toEqual([
        spend.partner,
        null,
        spend.partner,
        null,
      ]);
    } finally {
      await rm(before, { recursive: true, force: true });
      await database.drop();
    }
  }, 60_000);
});
