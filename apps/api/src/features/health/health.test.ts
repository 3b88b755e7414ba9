import { createPrismaClient } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { app, serverOptions } from "../../app.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { buildTestApp, signInAs, TEST_PASSWORD, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe("GET /api/health", () => {
  it("reports ok when the database answers", async () => {
    const response = await test.inject({ url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db down, quickly, when the database cannot be reached", async () => {
    // Port 1 on loopback: nothing listens there.
    const prisma = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:1/none", { connectionTimeoutMs: 500 });
    const fastify = Fastify({ ...serverOptions, logger: false });
    await fastify.register(app, { prisma });
    const started = Date.now();
    const health = await fastify.inject({ url: "/api/health" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: "degraded", db: "down" });
    // Other routes say the database is unavailable, with no database text.
    // A signed-in user's request: finding the session already needs the database.
    const list = await fastify.inject({ url: "/api/programmes", cookies: { fundline_session: "any-session-token" } });
    expect(list.statusCode).toBe(503);
    expect(list.json().message).toMatch(/database is not available/);
    expect(list.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    expect(Date.now() - started).toBeLessThan(10_000);
    await fastify.close();
    await prisma.$disconnect();
  });

  it("answers 503 quickly, not hanging, when every pooled connection is busy", async () => {
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    const prisma = createPrismaClient(database.url, { maxConnections: 1, connectionTimeoutMs: 300 });
    const fastify = Fastify({ ...serverOptions, logger: false });
    await fastify.register(app, { prisma });
    const { id: organisationId } = await prisma.organisation.create({
      data: { name: "Pool Council", kinds: ["council"] },
    });
    await prisma.user.create({
      data: {
        email: "viewer@pool.example",
        displayName: "Viewer",
        organisationId,
        role: "viewer",
        passwordHash: await hashPassword(TEST_PASSWORD),
      },
    });
    const viewer = await signInAs(fastify, "viewer@pool.example");
    // Hold the pool's only connection for two seconds.
    const busy = prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(2)`, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const response = await viewer.inject({ url: "/api/programmes" });
    expect(response.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_500);
    await busy;
    expect((await viewer.inject({ url: "/api/programmes" })).statusCode).toBe(200);
    await fastify.close();
    await prisma.$disconnect();
    await database.drop();
  });

  it("answers unknown API paths with the JSON error shape", async () => {
    const response = await test.inject({ url: "/api/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
  });
});

describe("GET /api/ready", () => {
  it("is ready when the database answers and every migration is applied", async () => {
    const response = await test.inject({ url: "/api/ready" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ready", db: "ok", pendingMigrations: [] });
  });

  it("is not ready, naming the migration, when the database lacks one this code expects", async () => {
    const [last] = await test.prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await test.prisma
      .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ${last?.name}`;
    try {
      const response = await test.inject({ url: "/api/ready" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: "not ready", db: "ok", pendingMigrations: [last?.name] });
    } finally {
      await test.prisma
        .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = ${last?.name}`;
    }
  });
});

describe("metrics", () => {
  it("counts requests by route pattern, and shows the pool and import rows, in Prometheus' format", async () => {
    await test.inject({ url: "/api/programmes" });
    await test.inject({ url: "/api/programmes/00000000-0000-4000-8000-000000000000" });
    const text = await test.fastify.metrics.registry.metrics();
    expect(text).toMatch(
      /fundline_http_request_duration_seconds_count\{method="GET",route="\/api\/programmes",status_code="200"\} [1-9]/,
    );
    // The pattern, never the address: one label value however many programmes are read.
    expect(text).toMatch(/route="\/api\/programmes\/:id",status_code="404"/);
    expect(text).not.toContain("00000000-0000-4000-8000-000000000000");
    expect(text).toMatch(/^fundline_db_pool_waiting \d+$/m);
    expect(text).toMatch(/^fundline_db_pool_connections [1-9]\d*$/m);
    expect(text).toContain("# TYPE fundline_import_rows_total counter");
    expect(text).toMatch(/^fundline_process_resident_memory_bytes \d+/m);
  });
});
