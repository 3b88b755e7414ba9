import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, DEVELOPMENT_ACCESS, serverOptions } from "../app.ts";
import { buildTestApp, signInAs, type TestApp } from "../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe("OpenAPI", () => {
  it("documents every API route from the shared schemas", async () => {
    const response = await test.inject({ url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/programmes",
        "/api/programmes/{id}",
        "/api/commitments",
        "/api/commitments/{id}",
        "/api/allocations",
        "/api/audit",
      ]),
    );
    // Every route the app serves, with each of its methods.
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = test.fastify.routeRules
      .filter((rule) => !/^\/api\/(docs|openapi\.json)/.test(rule.url))
      .map((rule) => `${rule.method} ${rule.url.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(served.length).toBeGreaterThan(85);
    const body = document.paths["/api/commitments"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["fundId", "title", "amountPence", "status"]));
    expect(body.additionalProperties).toBe(false);
  });

  it("opens the docs to anyone in development, and only to people signed in in production", async () => {
    expect((await test.fastify.inject({ url: "/api/openapi.json" })).statusCode).toBe(200);
    const production = Fastify({ ...serverOptions, logger: false });
    await production.register(app, {
      prisma: test.prisma,
      access: { ...DEVELOPMENT_ACCESS, publicDocumentation: false },
    });
    try {
      for (const url of ["/api/openapi.json", "/api/docs/"]) {
        expect((await production.inject({ url })).statusCode, url).toBe(401);
      }
      const signedIn = await signInAs(production, "viewer@test.example");
      expect((await signedIn.inject({ url: "/api/openapi.json" })).statusCode).toBe(200);
    } finally {
      await production.close();
    }
  });

  it("serves browsable docs", async () => {
    const response = await test.inject({ url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger");
  });
});
