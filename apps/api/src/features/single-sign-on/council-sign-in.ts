import type { PrismaClient } from "@fundline/db";
import { type GroupRoleMapping, roleFromGroups, type SignInRefusal } from "@fundline/domain";
import * as openid from "openid-client";
import { personLabel, recordAudit } from "../../lib/audit-trail.ts";
import { hashOfSecret } from "../../lib/secret-tokens.ts";
import { type SessionSettings, startSession } from "../../lib/sessions.ts";
import { configurationOf, type ProviderOptions } from "./provider-configuration.ts";

/** A council sign-in that must not go ahead; `reason` names the sentence the person sees. */
export class SignInRefused extends Error {
  constructor(
    readonly reason: SignInRefusal,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

const PENDING_MINUTES = 10;

/**
 * The first half of the authorization code flow with PKCE: a state, a nonce and a code verifier
 * kept (the state also in the browser's cookie, so a callback in another browser is refused), and
 * the address at the council's provider to send the browser to.
 */
export async function startCouncilSignIn(
  prisma: PrismaClient,
  options: { organisationId: string; redirectUri: string; provider?: ProviderOptions },
): Promise<{ authorizationUrl: string; state: string; expiresAt: Date }> {
  const stored = await prisma.identityProvider.findUnique({ where: { organisationId: options.organisationId } });
  if (!stored) throw new SignInRefused("not-set-up");
  const configuration = await reachProvider(() => configurationOf(stored, options.provider));
  const state = openid.randomState();
  const nonce = openid.randomNonce();
  const codeVerifier = openid.randomPKCECodeVerifier();
  const expiresAt = new Date(Date.now() + PENDING_MINUTES * 60_000);
  // Sign-ins never finished are cleared as new ones start.
  await prisma.pendingSignIn.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await prisma.pendingSignIn.create({
    data: { stateHash: hashOfSecret(state), organisationId: stored.organisationId, codeVerifier, nonce, expiresAt },
  });
  const authorizationUrl = openid.buildAuthorizationUrl(configuration, {
    redirect_uri: options.redirectUri,
    // Groups are not a scope: a provider sends them as the council's app registration says.
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { authorizationUrl: authorizationUrl.toString(), state, expiresAt };
}

/**
 * The second half: the state must be this browser's and unused, the provider must confirm the
 * code (once, before it expires, with the verifier) and give an ID token it signed for Fundline,
 * for this nonce, not expired. Then the person is the Fundline user invited with that email, of
 * this council, switched on; their role may come from their groups; a new session starts.
 */
export async function finishCouncilSignIn(
  prisma: PrismaClient,
  options: {
    callbackUrl: URL;
    browserState: string | undefined;
    ipAddress: string;
    userAgent?: string;
    requestId: string;
    settings: SessionSettings;
    provider?: ProviderOptions;
  },
): Promise<{ token: string; expiresAt: Date }> {
  const state = options.callbackUrl.searchParams.get("state");
  if (!state || !options.browserState || state !== options.browserState) throw new SignInRefused("not-started");
  // Taken once: a second use of the same answer finds nothing.
  const [pending] = await prisma.$queryRaw<
    { organisationId: string; codeVerifier: string; nonce: string; expiresAt: Date }[]
  >`
    DELETE FROM "PendingSignIn" WHERE "stateHash" = ${hashOfSecret(state)}
    RETURNING "organisationId", "codeVerifier", nonce, "expiresAt"`;
  if (!pending || pending.expiresAt.getTime() <= Date.now()) throw new SignInRefused("not-started");
  const stored = await prisma.identityProvider.findUnique({ where: { organisationId: pending.organisationId } });
  if (!stored) throw new SignInRefused("not-set-up");
  if (options.callbackUrl.searchParams.has("error")) {
    throw new SignInRefused("provider-said-no", options.callbackUrl.searchParams.get("error") ?? undefined);
  }

  const configuration = await reachProvider(() => configurationOf(stored, options.provider));
  let claims: openid.IDToken;
  try {
    const tokens = await openid.authorizationCodeGrant(configuration, options.callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new SignInRefused("token-invalid", "no ID token");
    // Some providers put the email and groups only in the user info, which is fetched for this
    // subject with the access token just issued.
    claims =
      typeof idToken.email === "string"
        ? idToken
        : { ...(await openid.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
  } catch (error) {
    throw error instanceof SignInRefused ? error : new SignInRefused(refusalFor(error), describe(error));
  }

  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  // Entra ID leaves email_verified out; a provider that says false is not believed.
  if (!email || claims.email_verified === false) throw new SignInRefused("no-email");
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) throw new SignInRefused("not-invited");
  if (user.organisationId !== stored.organisationId) throw new SignInRefused("other-council");
  if (!user.active) throw new SignInRefused("account-off");

  // Administrators see every council: a council's groups neither make nor unmake one.
  const role =
    user.role === "administrator"
      ? user.role
      : roleFromGroups(
          stored.groupsClaim ? (stored.groupRoles as GroupRoleMapping[]) : [],
          stored.groupsClaim ? claims[stored.groupsClaim] : undefined,
          user.role,
        );
  if (role === null) throw new SignInRefused("no-group");

  return prisma.$transaction(async (tx) => {
    if (role !== user.role) {
      await tx.user.update({ where: { id: user.id }, data: { role, version: { increment: 1 } } });
      await recordAudit(tx, {
        actor: { id: user.id, label: `${personLabel(user)} (council sign-in)` },
        entityType: "User",
        entityId: user.id,
        action: "update",
        before: { role: user.role, version: user.version },
        after: { role, version: user.version + 1 },
        reason: "Role from their groups at the council's identity provider",
        requestId: options.requestId,
      });
    }
    await tx.user.update({
      where: { id: user.id },
      // Signed in by the council: the invitation's link to choose a password is no longer needed.
      data: { lastSignInAt: new Date(), invitationTokenHash: null, invitationExpiresAt: null },
    });
    await tx.signInAttempt.create({ data: { email, ipAddress: options.ipAddress, succeeded: true } });
    return startSession(tx, {
      userId: user.id,
      settings: options.settings,
      ipAddress: options.ipAddress,
      userAgent: options.userAgent,
    });
  });
}

async function reachProvider<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SignInRefused("provider-unreachable", describe(error));
  }
}

/** Which sentence fits what openid-client refused, from the error and its causes. */
export function refusalFor(error: unknown): SignInRefusal {
  for (const cause of causesOf(error)) {
    const {
      message,
      code,
      error: oauthError,
      cause: detail,
    } = cause as {
      message?: string;
      code?: string;
      error?: string;
      cause?: { claim?: string };
    };
    if (typeof message === "string" && message.includes('"iss"')) return "wrong-issuer";
    if (oauthError === "invalid_grant") return "code-refused";
    if (cause instanceof openid.AuthorizationResponseError) return "provider-said-no";
    if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" && detail?.claim === "exp") return "token-expired";
    if (typeof message === "string" && message.includes('"state"')) return "not-started";
    if (cause instanceof TypeError && message === "fetch failed") return "provider-unreachable";
  }
  return "token-invalid";
}

function causesOf(error: unknown): unknown[] {
  const causes: unknown[] = [];
  for (let current = error; current && causes.length < 5; current = (current as { cause?: unknown }).cause) {
    causes.push(current);
  }
  return causes;
}

/** For the log: what went wrong, never a token or secret (openid-client's messages hold neither). */
function describe(error: unknown): string {
  return causesOf(error)
    .map((cause) => (cause instanceof Error ? cause.message : String(cause)))
    .join(" ← ")
    .slice(0, 500);
}
