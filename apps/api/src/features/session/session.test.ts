import { createTestDatabase } from "@fundline/db/testing";
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FREE_FAILURES, FREE_FAILURES } from "@fundline/domain";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { app, serverOptions } from "../../app.ts";
import { passwordProblem } from "../../lib/passwords.ts";
import { buildTestApp, signInAs, TEST_PASSWORD, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const signInRequest = (email: string, password: string, remoteAddress = "127.0.0.1") =>
  test.fastify.inject({ method: "POST", url: "/api/session", payload: { email, password }, remoteAddress });

const newUser = async (role: "viewer" | "finance_officer" = "viewer") =>
  test.signInNew({ role, organisationId: test.as("viewer").organisationId });

describe("signing in", () => {
  it("sets an httpOnly, SameSite=Lax session cookie and returns the user, role and CSRF token", async () => {
    const response = await signInRequest("finance_officer@test.example", TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const [cookie] = response.cookies;
    expect(cookie).toMatchObject({ name: "fundline_session", httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeUndefined();
    expect(response.json()).toMatchObject({
      user: { email: "finance_officer@test.example", role: "finance_officer" },
      permissions: ["read", "money.write", "audit.read"],
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
  });

  it("gives a new session id at every sign-in", async () => {
    const first = await signInRequest("viewer@test.example", TEST_PASSWORD);
    const second = await signInRequest("viewer@test.example", TEST_PASSWORD);
    expect(first.cookies[0]?.value).not.toBe(second.cookies[0]?.value);
  });

  it("answers an unknown email exactly as a wrong password", async () => {
    const unknown = await signInRequest("nobody@test.example", "wrong password here", "10.0.0.1");
    const wrong = await signInRequest("viewer@test.example", "wrong password here", "10.0.0.2");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const { requestId: _a, ...unknownBody } = unknown.json();
    const { requestId: _b, ...wrongBody } = wrong.json();
    expect(unknownBody).toEqual(wrongBody);
    expect(unknownBody.message).toBe("The email address or password is not right.");
  });

  it("uses __Host- prefixed, Secure cookies outside development", async () => {
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    const { createPrismaClient } = await import("@fundline/db");
    const prisma = createPrismaClient(database.url);
    const fastify = Fastify({ ...serverOptions, logger: false });
    await fastify.register(app, { prisma, access: { secureCookies: true, idleMinutes: 30, absoluteHours: 12 } });
    const { id: organisationId } = await prisma.organisation.create({ data: { name: "Secure", kinds: ["council"] } });
    const { hashPassword } = await import("../../lib/passwords.ts");
    await prisma.user.create({
      data: {
        email: "secure@test.example",
        displayName: "S",
        organisationId,
        role: "viewer",
        passwordHash: await hashPassword(TEST_PASSWORD),
      },
    });
    const response = await fastify.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "secure@test.example", password: TEST_PASSWORD },
    });
    expect(response.cookies[0]).toMatchObject({
      name: "__Host-fundline_session",
      secure: true,
      httpOnly: true,
      path: "/",
    });
    await fastify.close();
    await prisma.$disconnect();
    await database.drop();
  });
});

describe("without a valid session", () => {
  it("answers 401 on every data route", async () => {
    for (const url of ["/api/programmes", "/api/commitments", "/api/session", "/api/audit?entity=X&id=1"]) {
      const response = await test.fastify.inject({ url });
      expect(response.statusCode, url).toBe(401);
    }
  });

  it("ends a session on sign-out", async () => {
    const user = await newUser();
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(200);
    const out = await user.inject({ method: "DELETE", url: "/api/session" });
    expect(out.statusCode).toBe(204);
    expect(out.cookies[0]).toMatchObject({ name: "fundline_session", value: "" });
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(401);
  });

  it("ends a session idle for longer than the idle limit", async () => {
    const user = await newUser();
    await test.prisma.session.updateMany({
      where: { userId: user.userId },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(401);
    expect(await test.prisma.session.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("ends a session at its absolute limit, however active", async () => {
    const user = await newUser();
    await test.prisma.session.updateMany({
      where: { userId: user.userId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(401);
  });

  it("ends a deactivated user's sessions at once", async () => {
    const user = await newUser();
    await test.prisma.user.update({ where: { id: user.userId }, data: { active: false } });
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(401);
    expect(
      (
        await signInRequest(
          (
            await test.prisma.user.findUniqueOrThrow({ where: { id: user.userId } })
          ).email,
          TEST_PASSWORD,
        )
      ).statusCode,
    ).toBe(401);
  });
});

describe("CSRF", () => {
  const body = { name: "CSRF Borough", kinds: ["council"] };

  it("refuses a state-changing request without the token, or with a wrong one, and writes nothing", async () => {
    const admin = test.as("administrator");
    for (const token of [undefined, "", "not-the-token", `${admin.csrfToken.slice(0, -1)}x`]) {
      const headers: Record<string, string> = { cookie: admin.cookie };
      if (token !== undefined) headers["x-csrf-token"] = token;
      const response = await test.fastify.inject({ method: "POST", url: "/api/organisations", payload: body, headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(/x-csrf-token/);
    }
    expect(await test.prisma.organisation.count({ where: { name: body.name } })).toBe(0);
    expect((await admin.inject({ method: "POST", url: "/api/organisations", payload: body })).statusCode).toBe(201);
  });

  it("does not accept another session's token", async () => {
    const other = await newUser();
    const admin = test.as("administrator");
    const response = await test.fastify.inject({
      method: "POST",
      url: "/api/organisations",
      payload: { name: "Cross-session Borough", kinds: ["council"] },
      headers: { cookie: admin.cookie, "x-csrf-token": other.csrfToken },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("rate limiting (growing waits per account and address; nobody can lock another out)", () => {
  it(`slows the account's tries from the failing address after ${FREE_FAILURES} failures, but not its owner elsewhere`, async () => {
    const user = await newUser();
    const { email } = await test.prisma.user.findUniqueOrThrow({ where: { id: user.userId } });
    for (let attempt = 0; attempt < FREE_FAILURES; attempt++) {
      expect((await signInRequest(email, "wrong password here", "10.1.0.1")).statusCode).toBe(401);
    }
    // Free tries used up: the next must wait a second, and does not count while it waits.
    expect((await signInRequest(email, "wrong password here", "10.1.0.1")).statusCode).toBe(429);
    await test.prisma.signInAttempt.createMany({
      data: [1, 2, 3].map(() => ({ email, ipAddress: "10.1.0.1", succeeded: false })),
    });
    const refused = await signInRequest(email, TEST_PASSWORD, "10.1.0.1");
    expect(refused.statusCode).toBe(429);
    // 3 failures past the free ones: 2³ = 8 seconds from the latest.
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(7);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(8);
    expect(refused.json().message).toMatch(/^Too many failed sign-ins for this account\. Try again in [78] seconds\.$/);
    // The owner, at their own desk, is not held back by someone failing elsewhere.
    expect((await signInRequest(email, TEST_PASSWORD, "10.1.9.9")).statusCode).toBe(200);
  });

  it(`slows an address after ${ADDRESS_FREE_FAILURES} failures across accounts, except for accounts that signed in from it`, async () => {
    const known = await newUser();
    const { email } = await test.prisma.user.findUniqueOrThrow({ where: { id: known.userId } });
    expect((await signInRequest(email, TEST_PASSWORD, "10.2.0.1")).statusCode).toBe(200);
    for (let attempt = 0; attempt < ADDRESS_FREE_FAILURES + 2; attempt++) {
      await signInRequest(`guess-${attempt}@test.example`, "wrong password here", "10.2.0.1");
    }
    const refused = await signInRequest("viewer@test.example", TEST_PASSWORD, "10.2.0.1");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/from this address/);
    // Someone who signs in from that office every day still can; another address is unaffected.
    expect((await signInRequest(email, TEST_PASSWORD, "10.2.0.1")).statusCode).toBe(200);
    expect((await signInRequest("viewer@test.example", TEST_PASSWORD, "10.2.0.2")).statusCode).toBe(200);
  });

  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures in a day from anywhere, which an administrator sees and clears`, async () => {
    const user = await newUser();
    const { email } = await test.prisma.user.findUniqueOrThrow({ where: { id: user.userId } });
    await test.prisma.signInAttempt.createMany({
      data: Array.from({ length: ACCOUNT_FAILURE_LIMIT }, (_, index) => ({
        email,
        ipAddress: `10.3.${Math.floor(index / 250)}.${index % 250}`,
        succeeded: false,
      })),
    });
    const refused = await signInRequest(email, TEST_PASSWORD, "10.3.9.9");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe(
      "This account has had too many failed sign-ins today. Ask an administrator to clear it.",
    );
    const seen = await test.inject({ url: `/api/users/${user.userId}/sign-in-failures` });
    expect(seen.json()).toEqual({ failures: ACCOUNT_FAILURE_LIMIT, waitSeconds: 86_400, locked: true });
    const listed = (await test.inject({ url: "/api/sign-in-failures" })).json().accounts;
    expect(listed).toContainEqual({
      userId: user.userId,
      failures: ACCOUNT_FAILURE_LIMIT,
      waitSeconds: 86_400,
      locked: true,
    });
    const cleared = await test.inject({ method: "DELETE", url: `/api/users/${user.userId}/sign-in-failures` });
    expect(cleared.json()).toEqual({ failures: 0, waitSeconds: 0, locked: false });
    const after = (await test.inject({ url: "/api/sign-in-failures" })).json().accounts;
    expect(after.map((account: { userId: string }) => account.userId)).not.toContain(user.userId);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "User", entityId: user.userId },
      orderBy: { occurredAt: "desc" },
    });
    expect(audit.changes).toEqual({ failedSignIns: { before: ACCOUNT_FAILURE_LIMIT, after: 0 } });
    expect((await signInRequest(email, TEST_PASSWORD, "10.3.9.9")).statusCode).toBe(200);
    // Only administrators may.
    expect((await test.as("viewer").inject({ url: `/api/users/${user.userId}/sign-in-failures` })).statusCode).toBe(
      403,
    );
  });
});

describe("passwords", () => {
  it.each([
    ["a common password", "password1234", "commonly used"],
    ["a common password in capitals", "QWERTY123456", "commonly used"],
    ["one containing the email's name", "jane.smith-is-great", "email address"],
    ["one containing the service's name", "my fundline password", "name of this service"],
    ["one repeating a few characters", "abababababab", "too few different"],
  ])("refuses %s", (_what, password, reason) => {
    expect(passwordProblem(password, "jane.smith@stockport.gov.uk")).toMatch(reason);
  });

  it("accepts a long passphrase with no composition rules", () => {
    expect(passwordProblem("correct horse battery staple", "jane.smith@stockport.gov.uk")).toBeNull();
  });

  it("stores argon2id hashes", async () => {
    const user = await test.prisma.user.findUniqueOrThrow({ where: { email: "viewer@test.example" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("the audit trail", () => {
  it("records the signed-in user as the actor of every change", async () => {
    const admin = test.as("administrator");
    const created = await admin.inject({
      method: "POST",
      url: "/api/organisations",
      payload: { name: "Audited Borough", kinds: ["council"] },
    });
    const [event] = await test.prisma.auditEvent.findMany({ where: { entityId: created.json().id } });
    expect(event).toMatchObject({
      actorId: admin.userId,
      actorLabel: "Test administrator <administrator@test.example>",
    });
  });
});

it("signs in scripts the same way (cookie jar + x-csrf-token)", async () => {
  const script = await signInAs(test.fastify, "finance_officer@test.example");
  const session = await script.inject({ url: "/api/session" });
  expect(session.json().csrfToken).toBe(script.csrfToken);
});
