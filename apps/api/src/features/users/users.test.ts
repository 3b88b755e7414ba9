import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let councilId: string;
beforeAll(async () => {
  test = await buildTestApp();
  councilId = test.as("viewer").organisationId;
});
afterAll(() => test.close());

const invite = (email: string, role = "viewer", extra: object = {}) =>
  test.inject({
    method: "POST",
    url: "/api/users",
    payload: { email, displayName: "Jo Bloggs", organisationId: councilId, role, ...extra },
  });
const accept = (token: string, password: string) =>
  test.fastify.inject({ method: "POST", url: "/api/invitations/accept", payload: { token, password } });
const tokenOf = (url: string) => url.split("#token=")[1] ?? "";

describe("inviting a user", () => {
  it("creates them without a password and gives a one-time link to choose one", async () => {
    const response = await invite("Jo.Bloggs@Council.example", "programme_manager");
    expect(response.statusCode, response.body).toBe(201);
    const invited = response.json();
    expect(invited).toMatchObject({
      email: "jo.bloggs@council.example",
      role: "programme_manager",
      invited: true,
      active: true,
      invitationUrl: expect.stringMatching(/^\/accept-invitation#token=[\w-]{43}$/),
    });
    expect(JSON.stringify(invited)).not.toMatch(/passwordHash|totpSecret|invitationTokenHash/);
    // No password yet, so no sign-in.
    const signIn = await test.fastify.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "jo.bloggs@council.example", password: "anything at all" },
    });
    expect(signIn.statusCode).toBe(401);

    const weak = await accept(tokenOf(invited.invitationUrl), "password1234");
    expect(weak.statusCode).toBe(422);
    expect(weak.json().fields[0].path).toBe("password");
    const short = await accept(tokenOf(invited.invitationUrl), "short");
    expect(short.statusCode).toBe(400);

    const accepted = await accept(tokenOf(invited.invitationUrl), "a sensible long passphrase");
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user.email).toBe("jo.bloggs@council.example");
    expect(accepted.cookies[0]?.name).toBe("fundline_session");
    // The link works once.
    expect((await accept(tokenOf(invited.invitationUrl), "another sensible passphrase")).statusCode).toBe(422);
  });

  it("refuses an email that already has an account, and an expired link", async () => {
    expect((await invite("viewer@test.example")).statusCode).toBe(422);
    const invited = (await invite("late@council.example")).json();
    await test.prisma.user.update({
      where: { id: invited.id },
      data: { invitationExpiresAt: new Date(Date.now() - 1) },
    });
    const response = await accept(tokenOf(invited.invitationUrl), "a sensible long passphrase");
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].message).toMatch(/expired/);
  });

  it("is for administrators only", async () => {
    const response = await test.as("finance_officer").inject({
      method: "POST",
      url: "/api/users",
      payload: { email: "x@council.example", displayName: "X", organisationId: councilId, role: "administrator" },
    });
    expect(response.statusCode).toBe(403);
    expect(await test.prisma.user.count({ where: { email: "x@council.example" } })).toBe(0);
  });
});

describe("changing a user", () => {
  it("deactivating ends their sessions at once, and is audited with who did it", async () => {
    const user = await test.signInNew({ role: "finance_officer", organisationId: councilId });
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(200);
    const response = await test.inject({
      method: "PATCH",
      url: `/api/users/${user.userId}`,
      payload: { version: 1, active: false },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await user.inject({ url: "/api/programmes" })).statusCode).toBe(401);
    expect(await test.prisma.session.count({ where: { userId: user.userId } })).toBe(0);
    const [event] = await test.prisma.auditEvent.findMany({ where: { entityId: user.userId, action: "update" } });
    expect(event).toMatchObject({
      action: "update",
      actorId: test.as("administrator").userId,
      changes: { active: { before: true, after: false }, version: { before: 1, after: 2 } },
    });
  });

  it("records a role change with before and after, and refuses a stale version", async () => {
    const user = await test.signInNew({ role: "viewer", organisationId: councilId });
    const changed = await test.inject({
      method: "PATCH",
      url: `/api/users/${user.userId}`,
      payload: { version: 1, role: "finance_officer" },
    });
    expect(changed.json().role).toBe("finance_officer");
    const stale = await test.inject({
      method: "PATCH",
      url: `/api/users/${user.userId}`,
      payload: { version: 1, role: "administrator" },
    });
    expect(stale.statusCode).toBe(409);
    expect((await user.inject({ url: "/api/session" })).json().permissions).toContain("money.write");
  });

  it("never leaves Fundline without an active administrator", async () => {
    const admin = test.as("administrator");
    const response = await admin.inject({
      method: "PATCH",
      url: `/api/users/${admin.userId}`,
      payload: { version: 1, role: "viewer" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields).toEqual([{ path: "role", message: "this is the last active administrator" }]);
  });

  it("lists users with filters and a total", async () => {
    const response = await test.inject({ url: "/api/users?role=administrator" });
    expect(response.json()).toMatchObject({ total: 1, users: [{ email: "administrator@test.example" }] });
  });
});
