import { z } from "zod";
import { Count, Uuid } from "./common.ts";

export const Role = z.enum(["administrator", "finance_officer", "programme_manager", "viewer"]);

/** Email addresses are compared lower-case. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address").max(254, "must be at most 254 characters"));

/** At least 12 characters, no composition rules; common passwords are refused by the server. */
export const NewPassword = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

/** The 6 digits an authenticator app shows. */
export const TotpCode = z.string().regex(/^\d{6}$/, "must be the 6 digits your authenticator app shows");

export const SignInRequest = z.strictObject({
  email: Email,
  // Any length here: the sign-in form must not reveal the password rules of an account.
  password: z.string().min(1, "must not be blank").max(1_024),
  /** Needed when the account has two-factor sign-in. */
  totpCode: TotpCode.optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const Permission = z.enum([
  "read",
  "reference.write",
  "programme.write",
  "money.write",
  "delivery.write",
  "users.manage",
  "audit.read",
]);

export const SessionResponse = z.object({
  user: z.object({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    organisation: z.object({
      id: Uuid,
      name: z.string(),
      /** A money change above this waits for a second person's approval. */
      approvalThresholdPence: z.number().int(),
    }),
  }),
  /** What this user may do, from the shared permissions table; the web app hides the rest. */
  permissions: z.array(Permission),
  /** Send in `x-csrf-token` on every POST, PATCH, PUT and DELETE. */
  csrfToken: z.string(),
  expiresAt: z.string(),
  /** Two-factor sign-in is set up for this user. */
  totpEnabled: z.boolean(),
  /** The role requires two-factor sign-in and it is not set up: nothing else works until it is. */
  totpEnrolmentRequired: z.boolean(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const TotpEnrolmentResponse = z.object({
  /** For typing into an authenticator app. */
  secret: z.string(),
  /** For a QR code. */
  uri: z.string(),
});

export const ConfirmTotpRequest = z.strictObject({ code: TotpCode });
export type ConfirmTotpRequest = z.infer<typeof ConfirmTotpRequest>;

export const RolePolicy = z.object({ role: Role, totpRequired: z.boolean(), version: z.number().int() });
export const RolePolicyListResponse = z.object({ policies: z.array(RolePolicy) });
export const UpdateRolePolicyRequest = z.strictObject({ version: Count, totpRequired: z.boolean() });
export type UpdateRolePolicyRequest = z.infer<typeof UpdateRolePolicyRequest>;
export const RoleParams = z.strictObject({ role: Role });

/** Whether a person gets the weekly email of what is due. */
export const WeeklyDigestSetting = z.strictObject({ weeklyDigest: z.boolean() });
export type WeeklyDigestSetting = z.infer<typeof WeeklyDigestSetting>;

/** The secret in an email's unsubscribe link: 32 random bytes, base64url. */
export const UnsubscribeParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not an unsubscribe link"),
});
