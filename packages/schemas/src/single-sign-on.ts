import { z } from "zod";
import { Text, Uuid, Version } from "./common.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An address on this computer: the one place an issuer may be plain http (development, tests). */
export const isLoopbackUrl = (address: string) => LOOPBACK_HOSTS.has(new URL(address).hostname);

/** An identity provider's issuer: https, or plain http to this computer (development and tests). */
export const IssuerUrl = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .superRefine((issuer, context) => {
    // WHATWG URL parsing, as fetch will do it: anything it refuses or would rewrite is refused here.
    const url = URL.canParse(issuer) ? new URL(issuer) : null;
    const problem =
      !url || !/^https?:$/.test(url.protocol) || /[\s\p{Cc}]/u.test(issuer)
        ? "must be a web address such as https://login.microsoftonline.com/…/v2.0"
        : url.protocol !== "https:" && !LOOPBACK_HOSTS.has(url.hostname)
          ? "must start with https://"
          : url.search || url.hash || url.username || url.password
            ? "must not have a query, fragment or password"
            : null;
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

/** Roles a council's groups may give: never administrator, which sees every council. */
export const GroupRole = z.enum(["finance_officer", "programme_manager", "viewer"]);

export const GroupRoleMapping = z.strictObject({ group: Text(255), role: GroupRole });

/** What an administrator sets for a council's identity provider. */
export const IdentityProviderSettings = z.strictObject({
  issuer: IssuerUrl,
  clientId: Text(255),
  /** Needed the first time; left out, the one already stored is kept. */
  clientSecret: z.string().min(1, "must not be blank").max(1_000, "must be at most 1000 characters").optional(),
  /** The ID token claim that lists a person's groups (Entra ID: "groups"). */
  groupsClaim: Text(100).nullable(),
  /** In order: the first group a person is in gives their role at sign-in. */
  groupRoles: z.array(GroupRoleMapping).max(50, "must have at most 50 entries"),
  /** False: this council's people (administrators apart) sign in only with their council account. */
  passwordSignIn: z.boolean(),
  /** The version you read; left out when setting one up for the first time. */
  version: Version.optional(),
});
export type IdentityProviderSettings = z.infer<typeof IdentityProviderSettings>;

/** A council's identity provider as the API shows it: the client secret never leaves the server. */
export const IdentityProviderResponse = z.object({
  issuer: z.string(),
  clientId: z.string(),
  groupsClaim: z.string().nullable(),
  groupRoles: z.array(z.object({ group: z.string(), role: GroupRole })),
  passwordSignIn: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type IdentityProviderResponse = z.infer<typeof IdentityProviderResponse>;

export const CouncilSignInResponse = z.object({
  organisation: z.object({ id: Uuid, name: z.string() }),
  identityProvider: IdentityProviderResponse.nullable(),
});
export type CouncilSignInResponse = z.infer<typeof CouncilSignInResponse>;

export const CouncilSignInListResponse = z.object({
  councils: z.array(CouncilSignInResponse),
  /** The address to register with each identity provider as Fundline's redirect URI. */
  redirectUri: z.string(),
});
export type CouncilSignInListResponse = z.infer<typeof CouncilSignInListResponse>;

/** Councils whose people may sign in with their own account: named on the sign-in page. */
export const SingleSignOnCouncilsResponse = z.object({
  councils: z.array(z.object({ id: Uuid, name: z.string() })),
});
export type SingleSignOnCouncilsResponse = z.infer<typeof SingleSignOnCouncilsResponse>;

export const StartSingleSignOnQuery = z.strictObject({ organisationId: Uuid });

/** What comes back from the provider: a code and the state, or an error (RFC 6749 §4.1.2). */
export const SingleSignOnCallbackQuery = z.object({
  code: z.string().max(2_000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2_000).optional(),
  session_state: z.string().max(500).optional(),
});
