import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type SignedIn, TEST_PASSWORD, type TestApp } from "../../test/test-app.ts";
import { acceptedTotpStep, totpCodeAt } from "./totp.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const signIn = (email: string, totpCode?: string) =>
  test.fastify.inject({ method: "POST", url: "/api/session", payload: { email, password: TEST_PASSWORD, totpCode } });

async function enrol(user: SignedIn): Promise<string> {
  const { secret } = (await user.inject({ method: "POST", url: "/api/session/totp" })).json();
  const confirmed = await user.inject({
    method: "POST",
    url: "/api/session/totp/confirm",
    payload: { code: totpCodeAt(secret) },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return secret;
}

const emailOf = async (user: SignedIn) =>
  (await test.prisma.user.findUniqueOrThrow({ where: { id: user.userId } })).email;

describe("TOTP codes (RFC 6238)", () => {
  // RFC 6238 appendix B: SHA-1 key "12345678901234567890" at T = 59 s gives 94287082; 6 digits: 287082.
  const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  it("match the RFC's test vector", () => {
    expect(totpCodeAt(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
  });

  it("accept the step either side for clock drift, and never the same step twice", () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(acceptedTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 30_000), null, now)).toBe(step - 1);
    expect(acceptedTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 90_000), null, now)).toBeNull();
    expect(acceptedTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now), step, now)).toBeNull();
  });
});

describe("setting up two-factor sign-in", () => {
  it("needs a right code to confirm, then every sign-in needs a fresh code", async () => {
    const user = await test.signInNew({ role: "viewer", organisationId: test.as("viewer").organisationId });
    const { secret, uri } = (await user.inject({ method: "POST", url: "/api/session/totp" })).json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Fundline:.+\?.*secret=/);
    const wrong = await user.inject({ method: "POST", url: "/api/session/totp/confirm", payload: { code: "000000" } });
    expect(wrong.statusCode).toBe(422);
    const confirmed = await user.inject({
      method: "POST",
      url: "/api/session/totp/confirm",
      payload: { code: totpCodeAt(secret) },
    });
    expect(confirmed.json().totpEnabled).toBe(true);
    const [event] = await test.prisma.auditEvent.findMany({
      where: { entityId: user.userId, reason: "set up two-factor sign-in" },
    });
    expect(event?.changes).toEqual({ totpEnabled: { before: false, after: true } });

    const email = await emailOf(user);
    const withoutCode = await signIn(email);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().fields).toEqual([{ path: "totpCode", message: "is required for this account" }]);
    expect((await signIn(email, "123456")).statusCode).toBe(401);
    // The confirming code's step is used up: the next step's code works.
    const next = totpCodeAt(secret, Date.now() + 30_000);
    expect((await signIn(email, next)).statusCode).toBe(200);
    expect((await signIn(email, next)).statusCode).toBe(401);
  });
});

describe("an administrator requiring it for a role", () => {
  it("lets that role's users in only to set it up, then fully", async () => {
    const admin = test.as("administrator");
    const policies = (await admin.inject({ url: "/api/role-policies" })).json().policies;
    expect(policies).toContainEqual({ role: "finance_officer", totpRequired: false, version: 0 });
    const set = await admin.inject({
      method: "PATCH",
      url: "/api/role-policies/finance_officer",
      payload: { version: 0, totpRequired: true },
    });
    expect(set.json()).toEqual({ role: "finance_officer", totpRequired: true, version: 1 });
    const stale = await admin.inject({
      method: "PATCH",
      url: "/api/role-policies/finance_officer",
      payload: { version: 0, totpRequired: false },
    });
    expect(stale.statusCode).toBe(409);

    const officer = await test.signInNew({ role: "finance_officer", organisationId: admin.organisationId });
    expect((await officer.inject({ url: "/api/session" })).json().totpEnrolmentRequired).toBe(true);
    const blocked = await officer.inject({ url: "/api/programmes" });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toMatch(/two-factor/);
    await enrol(officer);
    expect((await officer.inject({ url: "/api/programmes" })).statusCode).toBe(200);

    const [event] = await test.prisma.auditEvent.findMany({
      where: { entityType: "RolePolicy", entityId: "finance_officer" },
    });
    expect(event).toMatchObject({ actorId: admin.userId, changes: { totpRequired: { before: false, after: true } } });
  });
});
