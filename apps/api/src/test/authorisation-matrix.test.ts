// Every API route × every role, built from the app's own route table: a route added without an
// access rule stops the app starting, and every rule is checked against the shared permissions
// table here. Requests use made-up ids and empty bodies: what matters is whether the request
// got past sign-in and authorisation (401/403) or not.
import { can, ROLES } from "@fundline/domain";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const urlOf = (url: string) => url.replace(/:\w+/g, SOME_ID);

describe("the route table", () => {
  it("has a rule for every API route, and the matrix covers them all", () => {
    const rules = test.fastify.routeRules;
    expect(rules.length).toBeGreaterThan(60);
    expect(rules.filter((rule) => rule.access === "public").map((rule) => `${rule.method} ${rule.url}`)).toEqual(
      expect.arrayContaining(["GET /api/health", "POST /api/session"]),
    );
  });

  it("refuses to start with a route that has no access rule", async () => {
    const { app, serverOptions } = await import("../app.ts");
    const fastify = Fastify({ ...serverOptions, logger: false });
    await fastify.register(app, { prisma: test.prisma });
    await expect(
      fastify
        .register(async (api) => {
          api.get("/api/unruled", () => "open");
        })
        .ready(),
    ).rejects.toThrow("GET /api/unruled has no access rule");
    await fastify.close().catch(() => {});
  });
});

describe("signed out", () => {
  it("gets 401 from every route that is not public", async () => {
    for (const rule of test.fastify.routeRules.filter((rule) => rule.access !== "public")) {
      if (rule.url.startsWith("/api/docs")) continue;
      const response = await test.fastify.inject({
        method: rule.method as "GET",
        url: urlOf(rule.url),
        payload: rule.method === "GET" ? undefined : {},
      });
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(401);
    }
  });
});

describe.each(ROLES)("as %s", (role) => {
  it("is let through exactly the routes its role may use, and gets 403 from the rest", async () => {
    const user = test.as(role);
    const outcomes: string[] = [];
    for (const rule of test.fastify.routeRules) {
      if (rule.access === "public" || rule.url === "/api/session") continue;
      const response = await user.inject({
        method: rule.method as "GET",
        url: urlOf(rule.url),
        payload: rule.method === "GET" ? undefined : {},
      });
      const allowed = can(role, rule.access);
      const refused = response.statusCode === 401 || response.statusCode === 403;
      if (allowed === refused) outcomes.push(`${rule.method} ${rule.url}: ${response.statusCode} (${rule.access})`);
      // Nothing reaches a 500, whatever the role sends.
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBeLessThan(500);
    }
    expect(outcomes).toEqual([]);
  });
});
