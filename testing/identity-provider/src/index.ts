// A real OpenID provider for tests, standing in for a council's Entra ID: the certified
// `oidc-provider` package on a loopback port, with the accounts a test gives it. Nothing here is
// a mock of the protocol; discovery, keys, codes, PKCE and ID tokens are the package's own.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export type Account = { email: string; groups?: string[]; emailVerified?: boolean };

export type IdentityProvider = {
  /** The issuer a council sets up in Fundline (`http://127.0.0.1:port`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Who signs in when the browser reaches the provider's login step. Unset: the provider shows
   * its own form asking for an email address (for journeys in a real browser).
   */
  signInAs: Account | null;
  /** Every account the form accepts, by email. */
  accounts: Map<string, Account>;
  close: () => Promise<void>;
};

/**
 * Starts a provider with one confidential client allowed to return to `redirectUri`. Codes last
 * `codeSeconds` (60 by default), as a real provider's do.
 */
export async function startIdentityProvider(options: {
  redirectUri: string;
  accounts?: Account[];
  codeSeconds?: number;
}): Promise<IdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "fundline";
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const state: IdentityProvider = {
    issuer,
    clientId,
    clientSecret,
    signInAs: null,
    accounts: new Map((options.accounts ?? []).map((account) => [account.email, account])),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: ["test cookie key, not a secret"] },
    // As Entra ID does for an app registration that asks for them, groups come with every sign-in.
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: options.codeSeconds ?? 60,
      IdToken: 3_600,
      AccessToken: 3_600,
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    // The account's email is its subject here; a real provider's would be an opaque id.
    findAccount: (_context, sub) => {
      const account = state.accounts.get(sub) ?? (state.signInAs?.email === sub ? state.signInAs : undefined);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.email.split("@")[0],
          groups: account.groups ?? [],
        }),
      };
    },
    // Consent is the council's business, given once for Fundline: no consent screen.
    loadExistingGrant: async (context) => {
      const client = context.oidc.client;
      const session = context.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grantId = context.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return context.oidc.provider.Grant.find(grantId);
      const grant = new context.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const handleProvider = provider.callback();

  server.on("request", (request, response) => {
    const path = new URL(request.url ?? "/", issuer).pathname;
    if (!path.startsWith("/interaction/")) return void handleProvider(request, response);
    void (async () => {
      try {
        await provider.interactionDetails(request, response);
        const email =
          request.method === "POST" ? new URLSearchParams(await bodyOf(request)).get("email") : state.signInAs?.email;
        if (!email) {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return void response.end(signInPage(path));
        }
        if (!state.accounts.has(email) && state.signInAs?.email !== email) state.accounts.set(email, { email });
        await provider.interactionFinished(request, response, { login: { accountId: email } });
      } catch (error) {
        response.writeHead(400, { "content-type": "text/plain" });
        response.end(String(error));
      }
    })();
  });
  return state;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

const signInPage = (path: string) => `<!doctype html>
<html lang="en"><head><title>Test council sign-in</title></head>
<body><main><h1>Test council sign-in</h1>
<form method="post" action="${path}">
<label for="email">Council email address</label> <input id="email" name="email" type="email" required>
<button type="submit">Sign in to the council</button>
</form></main></body></html>`;

/**
 * Follows a browser's way from Fundline's redirect to the provider back to the address it
 * returns to (not fetched): the provider's cookies are kept between its own redirects.
 */
export async function followToCallback(authorizationUrl: string, callbackPrefix: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let next = authorizationUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (next.startsWith(callbackPrefix)) return new URL(next);
    const response = await fetch(next, {
      redirect: "manual",
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) cookies.set(name.trim(), value.join("="));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${next}: ${response.status} ${await response.text()}`);
    next = new URL(location, next).toString();
  }
  throw new Error("too many redirects");
}
