import { isLoopbackUrl } from "@fundline/schemas";
import * as openid from "openid-client";

/** A council's identity provider as stored: what openid-client needs to talk to it. */
export type StoredProvider = {
  organisationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  version: number;
};

export type ProviderOptions = {
  /**
   * Seconds this server's clock is taken to be behind (openid-client's clockSkew): 0 in service.
   * Tests set it to judge a real provider's ID token as a later clock would.
   */
  clockSkewSeconds?: number;
};

// Discovery costs a round trip to the council's provider: kept per council and settings version
// for an hour, so a changed issuer or secret takes effect at once and rotated keys within the hour.
const discovered = new Map<string, { version: number; configuration: openid.Configuration; at: number }>();
const KEEP_MS = 3_600_000;

/** Reads the provider's discovery document; throws what openid-client throws. */
export async function discoverProvider(
  provider: Omit<StoredProvider, "organisationId" | "version">,
  options: ProviderOptions = {},
): Promise<openid.Configuration> {
  const configuration = await openid.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { [openid.clockSkew]: options.clockSkewSeconds ?? 0 },
    openid.ClientSecretBasic(provider.clientSecret),
    {
      timeout: 10,
      // Plain http is allowed to this computer only (the schema refuses it elsewhere).
      ...(isLoopbackUrl(provider.issuer) ? { execute: [openid.allowInsecureRequests] } : {}),
    },
  );
  return configuration;
}

export async function configurationOf(
  provider: StoredProvider,
  options: ProviderOptions = {},
): Promise<openid.Configuration> {
  const kept = discovered.get(provider.organisationId);
  if (kept && kept.version === provider.version && Date.now() - kept.at < KEEP_MS) return kept.configuration;
  const configuration = await discoverProvider(provider, options);
  discovered.set(provider.organisationId, { version: provider.version, configuration, at: Date.now() });
  return configuration;
}

/** Forgets a council's provider (its settings changed or were removed). */
export function forgetProvider(organisationId: string): void {
  discovered.delete(organisationId);
}
