// PostgreSQL stopped in the middle of serving, then started again: requests fail fast with 503
// and a plain message (no hung sockets, no 500s, no internals), /api/health says the database is
// down, nothing is half-written, and Fundline recovers by itself once PostgreSQL is back.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import {
  applyMigrations,
  createPrismaClient,
  ensureDatabase,
  freePort,
  type RunningPostgres,
  startEmbeddedPostgres,
} from "@fundline/db";
import Fastify from "fastify";
import { expect, it } from "vitest";
import { app, serverOptions } from "../app.ts";
import { hashPassword } from "../lib/passwords.ts";

const PASSWORD = "an outage test passphrase";

it("fails fast with 503 while PostgreSQL is down, writes nothing, and recovers within 5 s of its return", async () => {
  // A cluster of the test's own, to stop and start; its folder made by PostgreSQL's own user.
  const dataDir = join("/tmp", `fundline-outage-${process.pid}-${Date.now()}`);
  const port = await freePort();
  const start = () => startEmbeddedPostgres({ dataDir, port, persistent: true });
  let postgres: RunningPostgres | undefined = await start();
  await ensureDatabase(postgres, "fundline");
  const url = postgres.urlFor("fundline");
  await applyMigrations(url);
  const prisma = createPrismaClient(url, { connectionTimeoutMs: 1_000 });
  const fastify = Fastify({ ...serverOptions, logger: false });
  try {
    const council = await prisma.organisation.create({ data: { name: "Outage Council", kinds: ["council"] } });
    await prisma.user.create({
      data: {
        email: "admin@outage.example",
        displayName: "Outage Admin",
        role: "administrator",
        organisationId: council.id,
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    await fastify.register(app, { prisma });
    const base = `http://127.0.0.1:${await freePort()}`;
    await fastify.listen({ port: Number(new URL(base).port), host: "127.0.0.1" });
    const signedIn = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@outage.example", password: PASSWORD }),
    });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const call = async (path: string, body?: object) => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        method: body ? "POST" : "GET",
        headers: { cookie, "x-csrf-token": csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        // A hung socket fails the test rather than the run.
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, text: await response.text(), ms: performance.now() - started };
    };
    const programme = { name: "Written during the outage", leadOrganisationId: council.id };
    expect((await call("/api/organisations")).status).toBe(200);

    await postgres.stop();
    postgres = undefined;
    for (const attempt of [
      await call("/api/organisations"),
      await call("/api/programmes"),
      await call("/api/programmes", programme),
    ]) {
      expect(attempt.status).toBe(503);
      expect(JSON.parse(attempt.text).message).toBe(
        "The database is not available right now. Please try again shortly.",
      );
      expect(attempt.text).not.toMatch(/ECONN|127\.0\.0\.1|postgres|prisma|at .*\.ts/i);
      // Fails fast: within the pool's one-second wait for a connection, not a TCP timeout.
      expect(attempt.ms).toBeLessThan(3_000);
    }
    const health = await call("/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: "degraded", db: "down" });

    postgres = await start();
    const back = performance.now();
    let recoveredAfter = Number.POSITIVE_INFINITY;
    while (performance.now() - back < 10_000) {
      if ((await call("/api/health")).status === 200) {
        recoveredAfter = performance.now() - back;
        break;
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(recoveredAfter).toBeLessThan(5_000);
    // The same session, no restart: the pool made new connections by itself.
    expect((await call("/api/organisations")).status).toBe(200);
    // The write refused during the outage is not there; the same write now succeeds once.
    expect(await prisma.programme.count({ where: { name: programme.name } })).toBe(0);
    expect((await call("/api/programmes", programme)).status).toBe(201);
    expect(await prisma.programme.count({ where: { name: programme.name } })).toBe(1);
  } finally {
    await fastify.close();
    await prisma.$disconnect();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
