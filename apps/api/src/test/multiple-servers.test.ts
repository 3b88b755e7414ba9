// Two API processes against one PostgreSQL, as behind a round-robin load balancer: whatever one
// server knows the other knows, because everything shared lives in the database (sessions,
// failed sign-ins, idempotency keys, and the change notes the kept results follow).
import { randomUUID } from "node:crypto";
import { createPrismaClient, freePort } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiProcess, DEMO_PASSWORD, startApi } from "./api-process.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let servers: [ApiProcess, ApiProcess];
let metricsPort: number;

beforeAll(async () => {
  database = await createTestDatabase(inject("databaseAdminUrl"));
  metricsPort = await freePort();
  // One after the other: the first migrates and seeds, the second finds it done.
  const first = await startApi({ DATABASE_URL: database.url, FUNDLINE_METRICS_PORT: String(metricsPort) });
  // The second logs every request, to show what its logs hold.
  const second = await startApi({ DATABASE_URL: database.url, LOG_LEVEL: "info" });
  servers = [first, second];
}, 180_000);

afterAll(async () => {
  for (const server of servers ?? []) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await database?.drop();
});

type Session = { cookie: string; csrfToken: string };
const send = async (
  server: ApiProcess,
  session: Session,
  method: string,
  path: string,
  body?: object,
  headers = {},
) => {
  const response = await fetch(`${server.base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { id?: string } };
};

describe("two servers, one database", () => {
  it("a session started on one works on the other, and signing out on the other ends it on both", async () => {
    const [a, b] = servers;
    const session = await a.signIn("viewer@oxfordshire.example");
    const onB = await send(b, session, "GET", "/api/session");
    expect(onB.status).toBe(200);
    expect((onB.body.user as { email: string }).email).toBe("viewer@oxfordshire.example");
    expect((await send(b, session, "DELETE", "/api/session")).status).toBe(204);
    expect((await send(a, session, "GET", "/api/programmes")).status).toBe(401);
  });

  it("counts failed sign-ins across both: the sixth wrong password in a row waits, whichever server it reaches", async () => {
    const [a, b] = servers;
    const attempt = (server: ApiProcess, password: string) =>
      fetch(`${server.base}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "manager@stockport.example", password }),
      });
    for (const server of [a, b, a, b, a]) expect((await attempt(server, "not the password at all")).status).toBe(401);
    const sixth = await attempt(b, DEMO_PASSWORD);
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { message: string }).message).toMatch(/^Too many failed sign-ins for this account/);
  });

  it("a payment on one is in the other's kept portfolio and dashboard at once", async () => {
    const [a, b] = servers;
    const finance = await a.signIn("finance@oldham.example");
    const prisma = createPrismaClient(database.url);
    const line = await prisma.costLine.findFirstOrThrow({ where: { ledgerCode: "EY-DSDL" } });
    await prisma.$disconnect();
    // B keeps its results: read them first.
    const before = await send(b, finance, "GET", "/api/dashboard");
    expect((await send(b, finance, "GET", "/api/reconciliation?code=PAYMENT_LARGER_THAN_LINE")).status).toBe(200);

    const payment = await send(a, finance, "POST", "/api/spend", {
      programmeId: line.programmeId,
      costLineId: line.id,
      spentOn: "2020-06-30",
      amountPence: 20_000_000,
      supplierName: "A very large invoice Ltd",
    });
    expect(payment.status).toBe(201);

    const after = await send(b, finance, "GET", "/api/dashboard");
    const spent = (dashboard: Record<string, unknown>) => (dashboard.headline as { spentPence: number }).spentPence;
    expect(spent(after.body)).toBe(spent(before.body) + 20_000_000);
    const flags = await send(b, finance, "GET", "/api/reconciliation?code=PAYMENT_LARGER_THAN_LINE");
    expect((flags.body.flags as { subject: { id: string } }[]).map((flag) => flag.subject.id)).toContain(
      payment.body.id,
    );
  });

  it("an idempotency key used on one server answers the same on the other, and records once", async () => {
    const [a, b] = servers;
    const finance = await b.signIn("finance@oldham.example");
    const prisma = createPrismaClient(database.url);
    const commitment = await prisma.fundingCommitment.findFirstOrThrow({
      where: { status: "awarded", programmeId: { not: null } },
    });
    const receipt = { commitmentId: commitment.id, receivedOn: "2020-07-01", amountPence: 12_345 };
    const key = { "idempotency-key": randomUUID() };
    const first = await send(a, finance, "POST", "/api/receipts", receipt, key);
    const replay = await send(b, finance, "POST", "/api/receipts", receipt, key);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(await prisma.receipt.count({ where: { commitmentId: commitment.id, amountPence: 12_345n } })).toBe(1);
    await prisma.$disconnect();
  });

  it("serves its metrics on their own loopback port, not on the public one", async () => {
    const [a] = servers;
    await fetch(`${a.base}/api/health`);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(
      /fundline_http_request_duration_seconds_count\{method="GET",route="\/api\/health"/,
    );
    const onThePublicPort = await fetch(`${a.base}/metrics`);
    expect(await onThePublicPort.text()).not.toContain("fundline_http_request_duration_seconds");
  });

  it("logs each request as a JSON line with its id, and no address, query string, cookie or password", async () => {
    const [, b] = servers;
    const session = await b.signIn("viewer@oxfordshire.example");
    await send(b, session, "GET", "/api/programmes?name=Secret%20search");
    await new Promise((done) => setTimeout(done, 200));
    const lines = b
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { reqId?: string; req?: Record<string, unknown> });
    const request = lines.find((line) => line.req?.path === "/api/programmes");
    expect(request).toMatchObject({ reqId: expect.any(String), req: { method: "GET", path: "/api/programmes" } });
    // The log lines (development's start-up banner prints the demo users' password on purpose).
    const everything = b
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .join("\n");
    expect(everything).not.toContain(DEMO_PASSWORD);
    expect(everything).not.toContain(session.cookie.split("=")[1]);
    expect(everything).not.toContain("Secret");
    expect(everything).not.toMatch(/remoteAddress|remotePort|"ip"/);
  });
});
