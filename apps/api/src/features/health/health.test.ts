import { createPrismaClient } from "@fundline/db";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, serverOptions } from "../../app.ts";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe("GET /api/health", () => {
  it("reports ok when the database answers", async () => {
    const response = await test.fastify.inject({ url: "/api/health" });
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
    const list = await fastify.inject({ url: "/api/programmes" });
    expect(list.statusCode).toBe(503);
    expect(list.json().message).toMatch(/database is not available/);
    expect(list.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    expect(Date.now() - started).toBeLessThan(10_000);
    await fastify.close();
    await prisma.$disconnect();
  });

  it("answers unknown API paths with the JSON error shape", async () => {
    const response = await test.fastify.inject({ url: "/api/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
  });
});
