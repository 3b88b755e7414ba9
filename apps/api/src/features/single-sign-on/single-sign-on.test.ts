// Signing in with a council's own accounts, against a real OpenID provider (oidc-provider) on a
// loopback port: discovery, PKCE, codes and signed ID tokens are all real. Each refusal the
// issue names is driven for real and must give its own sentence.

import { SIGN_IN_REFUSALS } from "@fundline/domain";
import { followToCallback, type IdentityProvider, startIdentityProvider } from "@fundline/test-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, TEST_PASSWORD, type TestApp } from "../../test/test-app.ts";

const PUBLIC_URL = "http://localhost:3999";
const CALLBACK = `${PUBLIC_URL}/api/sso/callback`;
const STATE_COOKIE = "fundline-sign-in";

let provider: IdentityProvider;
let test: TestApp;
let councilId: string;
let otherCouncilId: string;

beforeAll(async () => {
  provider = await startIdentityProvider({ redirectUri: CALLBACK });
  test = await buildTestApp({ appOptions: { publicUrl: PUBLIC_URL } });
  councilId = (await test.prisma.organisation.create({ data: { name: "Sign-in Council", kinds: ["council"] } })).id;
  otherCouncilId = (await test.prisma.organisation.create({ data: { name: "Next Door Council", kinds: ["council"] } }))
    .id;
});
afterAll(async () => {
  await test.close();
  await provider.close();
});

const settings = (overrides: Record<string, unknown> = {}) => ({
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  groupsClaim: null,
  groupRoles: [],
  passwordSignIn: true,
  ...overrides,
});

async function setUp(app: TestApp, organisationId: string, overrides: Record<string, unknown> = {}) {
  const current = await app.inject({ method: "GET", url: "/api/council-sign-in" });
  const version = current
    .json()
    .councils.find((council: { organisation: { id: string } }) => council.organisation.id === organisationId)
    ?.identityProvider?.version;
  const response = await app.inject({
    method: "PUT",
    url: `/api/council-sign-in/${organisationId}`,
    payload: settings({ ...(version ? { version } : {}), ...overrides }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function invite(app: TestApp, email: string, organisationId: string, role = "viewer") {
  const response = await app.inject({
    method: "POST",
    url: "/api/users",
    payload: { email, displayName: email.split("@")[0], organisationId, role },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().user ?? response.json();
}

/** As a browser: Fundline's start, the provider's pages, back to the callback (not yet sent). */
async function toCallback(app: TestApp, organisationId: string, account: IdentityProvider["signInAs"]) {
  provider.signInAs = account;
  const start = await app.fastify.inject({ method: "GET", url: `/api/sso/start?organisationId=${organisationId}` });
  expect(start.statusCode, start.body).toBe(302);
  const state = start.cookies.find((cookie) => cookie.name === STATE_COOKIE)?.value ?? "";
  const callback = await followToCallback(String(start.headers.location), CALLBACK);
  return { callback, state };
}

const finish = (app: TestApp, callback: URL, state: string | undefined) =>
  app.fastify.inject({
    method: "GET",
    url: callback.pathname + callback.search,
    cookies: state ? { [STATE_COOKIE]: state } : {},
  });

async function signInThroughCouncil(app: TestApp, organisationId: string, email: string, groups?: string[]) {
  const { callback, state } = await toCallback(app, organisationId, { email, groups });
  return finish(app, callback, state);
}

const refusalIn = (response: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(response.statusCode).toBe(303);
  return new URL(String(response.headers.location), PUBLIC_URL).searchParams.get("signInRefused");
};

async function sessionOf(response: { cookies: { name: string; value: string }[] }, app = test) {
  const cookie = response.cookies.find((c) => c.name === "fundline_session");
  const session = await app.fastify.inject({
    method: "GET",
    url: "/api/session",
    cookies: cookie ? { [cookie.name]: cookie.value } : {},
  });
  return session;
}

describe("setting up a council's identity provider", () => {
  it("is checked against the provider's discovery document, keeps the secret to itself and is audited", async () => {
    const saved = await setUp(test, councilId);
    expect(saved.identityProvider).toMatchObject({ issuer: provider.issuer, clientId: "fundline", version: 1 });
    const listed = await test.inject({ method: "GET", url: "/api/council-sign-in" });
    expect(listed.json().redirectUri).toBe(CALLBACK);
    const publicList = await test.fastify.inject({ method: "GET", url: "/api/sso/councils" });
    expect(publicList.json().councils).toEqual([{ id: councilId, name: "Sign-in Council" }]);
    const audit = await test.prisma.auditEvent.findMany({
      where: { entityType: "IdentityProvider", entityId: councilId },
    });
    expect(audit).toHaveLength(1);
    for (const text of [
      JSON.stringify(saved),
      listed.body,
      publicList.body,
      JSON.stringify(audit.map((event) => event.changes)),
    ]) {
      expect(text).not.toContain(provider.clientSecret);
    }
    expect(JSON.stringify(audit[0]!.changes)).toContain("(changed)");
  });

  it("refuses an issuer that is not https, cannot be reached, or lacks a secret, naming the field", async () => {
    const notHttps = await test.inject({
      method: "PUT",
      url: `/api/council-sign-in/${otherCouncilId}`,
      payload: settings({ issuer: "http://login.example.com/tenant" }),
    });
    expect(notHttps.statusCode).toBe(400);
    expect(notHttps.json().fields).toEqual([{ path: "body.issuer", message: "must start with https://" }]);
    const unreachable = await test.inject({
      method: "PUT",
      url: `/api/council-sign-in/${otherCouncilId}`,
      payload: settings({ issuer: `${provider.issuer}/not-a-provider` }),
    });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().fields[0].path).toBe("issuer");
    const noSecret = await test.inject({
      method: "PUT",
      url: `/api/council-sign-in/${otherCouncilId}`,
      payload: settings({ clientSecret: undefined }),
    });
    expect(noSecret.statusCode).toBe(422);
    expect(noSecret.json().fields).toEqual([
      { path: "clientSecret", message: "is needed to set up a council's identity provider" },
    ]);
    expect(await test.prisma.identityProvider.count({ where: { organisationId: otherCouncilId } })).toBe(0);
  });

  it("answers a stale change with 409, and only administrators may see or change the settings", async () => {
    const stale = await test.inject({
      method: "PUT",
      url: `/api/council-sign-in/${councilId}`,
      payload: settings({ version: 99 }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).not.toContain(provider.clientSecret);
    for (const role of ["finance_officer", "programme_manager", "viewer"] as const) {
      expect((await test.as(role).inject({ method: "GET", url: "/api/council-sign-in" })).statusCode).toBe(403);
    }
  });
});

describe("signing in with a council account", () => {
  it("lets in the person invited with that email, in a new session, and ends their invitation", async () => {
    const invited = await invite(test, "ada@signin.test", councilId);
    const response = await signInThroughCouncil(test, councilId, "Ada@signin.test");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    const session = await sessionOf(response);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: invited.id, email: "ada@signin.test", role: "viewer" });
    const user = await test.prisma.user.findUniqueOrThrow({ where: { id: invited.id } });
    expect(user.invitationTokenHash).toBeNull();
    expect(user.lastSignInAt).not.toBeNull();
  });

  it("refuses the same answer used twice (bad state), and one from another browser", async () => {
    await invite(test, "ben@signin.test", councilId);
    const { callback, state } = await toCallback(test, councilId, { email: "ben@signin.test" });
    expect((await finish(test, callback, state)).headers.location).toBe("/");
    expect(refusalIn(await finish(test, callback, state))).toBe("not-started");

    const again = await toCallback(test, councilId, { email: "ben@signin.test" });
    expect(refusalIn(await finish(test, again.callback, undefined))).toBe("not-started");
    expect(refusalIn(await finish(test, again.callback, "a-state-this-browser-never-had"))).toBe("not-started");
  });

  it("refuses a replayed code: the provider will not confirm a code twice", async () => {
    const first = await toCallback(test, councilId, { email: "ben@signin.test" });
    expect((await finish(test, first.callback, first.state)).headers.location).toBe("/");
    // A new sign-in of this browser, answered with the first one's code.
    const second = await toCallback(test, councilId, { email: "ben@signin.test" });
    const replayed = new URL(second.callback);
    replayed.searchParams.set("code", first.callback.searchParams.get("code") ?? "");
    const response = await finish(test, replayed, second.state);
    expect(refusalIn(response)).toBe("code-refused");
    expect(response.cookies.some((cookie) => cookie.name.includes("session") && cookie.value)).toBe(false);
  });

  it("refuses an answer that names another issuer", async () => {
    const { callback, state } = await toCallback(test, councilId, { email: "ben@signin.test" });
    callback.searchParams.set("iss", "https://login.example.com/another-tenant/v2.0");
    expect(refusalIn(await finish(test, callback, state))).toBe("wrong-issuer");
  });

  it("refuses an error from the provider, a person not invited, another council's, and one switched off", async () => {
    const { callback, state } = await toCallback(test, councilId, { email: "ben@signin.test" });
    const denied = new URL(CALLBACK);
    denied.search = new URLSearchParams({ error: "access_denied", state, iss: provider.issuer }).toString();
    expect(refusalIn(await finish(test, denied, state))).toBe("provider-said-no");
    expect(callback.searchParams.get("code")).toBeTruthy();

    expect(refusalIn(await signInThroughCouncil(test, councilId, "stranger@signin.test"))).toBe("not-invited");
    await invite(test, "neighbour@nextdoor.test", otherCouncilId);
    expect(refusalIn(await signInThroughCouncil(test, councilId, "neighbour@nextdoor.test"))).toBe("other-council");
    const off = await invite(test, "off@signin.test", councilId);
    await test.prisma.user.update({ where: { id: off.id }, data: { active: false } });
    expect(refusalIn(await signInThroughCouncil(test, councilId, "off@signin.test"))).toBe("account-off");
  });

  it("refuses a council that has no identity provider", async () => {
    const start = await test.fastify.inject({ method: "GET", url: `/api/sso/start?organisationId=${otherCouncilId}` });
    expect(refusalIn(start)).toBe("not-set-up");
  });

  it("refuses an ID token that has expired by this server's clock", async () => {
    // The same provider, judged by a server whose clock is two hours on: its one-hour tokens are stale.
    const late = await buildTestApp({
      appOptions: { publicUrl: PUBLIC_URL, identityProviders: { clockSkewSeconds: 2 * 3_600 } },
    });
    try {
      const council = await late.prisma.organisation.create({ data: { name: "Late Council", kinds: ["council"] } });
      await setUp(late, council.id);
      await invite(late, "late@signin.test", council.id);
      const { callback, state } = await toCallback(late, council.id, { email: "late@signin.test" });
      expect(refusalIn(await finish(late, callback, state))).toBe("token-expired");
    } finally {
      await late.close();
    }
  });

  it("every refusal has a plain sentence", () => {
    for (const sentence of Object.values(SIGN_IN_REFUSALS)) expect(sentence).toMatch(/^[A-Z].+\.$/);
  });
});

describe("groups and passwords, as each council chooses", () => {
  it("gives the role of the first mapped group, audited, and refuses someone in none", async () => {
    await setUp(test, councilId, {
      groupsClaim: "groups",
      groupRoles: [
        { group: "fundline-finance", role: "finance_officer" },
        { group: "fundline-readers", role: "viewer" },
      ],
    });
    const cara = await invite(test, "cara@signin.test", councilId, "viewer");
    const response = await signInThroughCouncil(test, councilId, "cara@signin.test", ["staff", "fundline-finance"]);
    expect((await sessionOf(response)).json().user.role).toBe("finance_officer");
    const change = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "User", entityId: cara.id, action: "update" },
    });
    expect(change.changes).toMatchObject({ role: { before: "viewer", after: "finance_officer" } });

    expect(refusalIn(await signInThroughCouncil(test, councilId, "cara@signin.test", ["staff"]))).toBe("no-group");
    await setUp(test, councilId, { groupsClaim: null, groupRoles: [] });
  });

  it("with passwords switched off, the council's people must use their council account; administrators need not", async () => {
    const dana = await invite(test, "dana@signin.test", councilId, "finance_officer");
    const admin = await invite(test, "admin@signin.test", councilId, "administrator");
    const { hashPassword } = await import("../../lib/passwords.ts");
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await test.prisma.user.updateMany({ where: { id: { in: [dana.id, admin.id] } }, data: { passwordHash } });
    const withPassword = (email: string) =>
      test.fastify.inject({ method: "POST", url: "/api/session", payload: { email, password: TEST_PASSWORD } });

    expect((await withPassword("dana@signin.test")).statusCode).toBe(200);
    await setUp(test, councilId, { passwordSignIn: false });
    const refused = await withPassword("dana@signin.test");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain("Sign in with your council account");
    expect((await withPassword("admin@signin.test")).statusCode).toBe(200);
    expect((await signInThroughCouncil(test, councilId, "dana@signin.test")).headers.location).toBe("/");
    await setUp(test, councilId, { passwordSignIn: true });
  });
});

describe("the way back from the provider", () => {
  it("is rate limited per address", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt += 1) {
      const response = await test.fastify.inject({
        method: "GET",
        url: `/api/sso/callback?code=guess-${attempt}&state=guess`,
        remoteAddress: "203.0.113.9",
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 303)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
