// Every route, path parameter, query parameter and body field of /api/openapi.json is sent a
// seeded, reproducible set of bad values as each role. None may answer 5xx or name SQL, Prisma or
// a stack; the app must keep answering; the running totals must still equal a recompute. A new
// route is fuzzed the moment it is documented. FUZZ_SEED picks another set of random values.
import type { Role } from "@fundline/domain";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningTotalsDrift } from "../features/reconciliation/running-totals.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "./test-app.ts";

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  default?: unknown;
};
type Parameter = { in: "path" | "query"; name: string; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const ROLES: Role[] = ["administrator", "finance_officer", "programme_manager", "viewer"];

// Routes left out, and why: signing out ends the session the fuzz signs in with.
const SKIPPED = new Set(["DELETE /api/session"]);

/** Values no field of Fundline's should take, each a different way of being wrong. */
function badValues(): unknown[] {
  let deep: unknown = "bottom";
  for (let depth = 0; depth < 2_000; depth++) deep = [deep];
  const fixed: unknown[] = [
    null,
    true,
    [],
    {},
    "",
    " ",
    -1,
    0,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    "9007199254740993",
    "0000-01-01",
    "9999-12-31",
    "2020-02-30",
    "1989-12-31",
    "2024/99",
    "2024/26",
    "0000/01",
    "\u0000",
    "a\u0000b",
    "\u001b[31mred\u001b[0m",
    "\ud800",
    "x".repeat(70_000),
    "😀".repeat(600),
    "' OR 1=1 --",
    "$(reboot)",
    "../../../etc/passwd",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    deep,
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    ["a", 1, null],
  ];
  // And a few random texts and numbers, the same ones for the same seed.
  const random = fc.sample(
    fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.double(), fc.integer(), fc.bigInt().map(String)),
    { seed: SEED, numRuns: 8 },
  );
  return [...fixed, ...random];
}

/** A value the schema accepts, as far as it says; ids from the seeded database where it can. */
function plausible(schema: JsonSchema, name: string, ids: Record<string, string>): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return plausible(schema.anyOf.find((option) => option.type !== "null") ?? {}, name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((option) => option !== "null") : schema.type;
  if (schema.format === "uuid") return ids[name] ?? ids.programmeId;
  if (schema.format === "date") return "2020-06-30";
  if (type === "integer" || type === "number") return name === "version" ? 1 : Math.max(schema.minimum ?? 1, 1);
  if (type === "boolean") return false;
  if (type === "array") return [];
  if (type === "object") {
    return Object.fromEntries(
      (schema.required ?? []).map((field) => [field, plausible(schema.properties?.[field] ?? {}, field, ids)]),
    );
  }
  if (name === "financialYear") return "2020/21";
  return "Fuzz value";
}

/** Percent-encodes text for a URL; a lone surrogate (no UTF-8 form) becomes invalid UTF-8 bytes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}

/** Text that gives away the machinery: it must never reach a client. */
const LEAK = /prisma|postgres|sqlstate|node_modules|\.ts:\d+|\n\s+at |syntax error|violates|relation "|ECONN/i;

let test: TestApp;
let ids: Record<string, string>;
const sent = new Map<string, number>();
const failures: string[] = [];

beforeAll(async () => {
  test = await buildTestApp();
  const dartington = await seedAndFindDartington(test.prisma);
  const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({
    where: { programmeId: dartington.programmeId },
  });
  ids = { ...dartington, commitmentId: commitment.id, id: dartington.programmeId };
});
afterAll(() => test.close());

async function check(role: Role, label: string, send: () => Promise<LightMyRequestResponse>) {
  const response = await send();
  sent.set(label, (sent.get(label) ?? 0) + 1);
  if (response.statusCode >= 500 || LEAK.test(response.body.slice(0, 5_000))) {
    failures.push(`${role} ${label} → ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
}

describe("fuzz: every documented route against bad values", () => {
  it("never answers 5xx or leaks internals, keeps answering, and keeps every total exact", async () => {
    const document = (await test.inject({ url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const values = badValues();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${path}`;
        if (SKIPPED.has(label)) continue;
        const parameters = operation.parameters ?? [];
        const body = operation.requestBody?.content["application/json"]?.schema;
        const pathWith = (overrides: Record<string, string>) =>
          path.replace(/\{(\w+)\}/g, (_whole, name: string) => encode(overrides[name] ?? ids[name] ?? ids.id ?? ""));
        const queryWith = (name: string, value: unknown) =>
          `?${name}=${encode(typeof value === "string" ? value : JSON.stringify(value))}`;
        const baseBody = body ? (plausible(body, "", ids) as Record<string, unknown>) : undefined;

        for (const role of ROLES) {
          const signedIn = test.as(role);
          // The administrator gets every value; the other roles a seeded share of them.
          const mine = role === "administrator" ? values : values.filter((_, index) => (index + SEED) % 5 === 0);
          const request = (url: string, payload?: unknown) =>
            signedIn.inject({
              method: method.toUpperCase() as "GET",
              url,
              ...(payload === undefined
                ? {}
                : { payload: JSON.stringify(payload), headers: { "content-type": "application/json" } }),
            });
          for (const value of mine) {
            const text = typeof value === "string" ? value : JSON.stringify(value);
            for (const parameter of parameters.filter((candidate) => candidate.in === "path")) {
              await check(role, label, () => request(pathWith({ [parameter.name]: text.slice(0, 5_000) }), baseBody));
            }
            for (const parameter of parameters.filter((candidate) => candidate.in === "query")) {
              await check(role, label, () =>
                request(`${pathWith({})}${queryWith(parameter.name, value)}`.slice(0, 60_000), baseBody),
              );
            }
            if (!baseBody || !body?.properties) continue;
            for (const field of Object.keys(body.properties)) {
              await check(role, label, () => request(pathWith({}), { ...baseBody, [field]: value }));
            }
            // The whole body wrong, and unknown or prototype keys beside good fields.
            await check(role, label, () => request(pathWith({}), value));
            await check(role, label, () => request(pathWith({}), { ...baseBody, unexpected: value }));
          }
        }
      }
    }

    const perRoute = [...sent.entries()].map(([label, count]) => `${String(count).padStart(5)}  ${label}`);
    console.log(
      `fuzz (seed ${SEED}): ${[...sent.values()].reduce((sum, count) => sum + count, 0)} requests over ${sent.size} routes\n${perRoute.join("\n")}`,
    );
    expect(failures.slice(0, 25)).toEqual([]);
    expect((await test.inject({ url: "/api/health" })).statusCode).toBe(200);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  }, 600_000);
});
