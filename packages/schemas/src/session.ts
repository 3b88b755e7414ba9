import { z } from "zod";
import { Uuid } from "./common.ts";

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

export const SignInRequest = z.strictObject({
  email: Email,
  // Any length here: the sign-in form must not reveal the password rules of an account.
  password: z.string().min(1, "must not be blank").max(1_024),
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
    organisation: z.object({ id: Uuid, name: z.string() }),
  }),
  /** What this user may do, from the shared permissions table; the web app hides the rest. */
  permissions: z.array(Permission),
  /** Send in `x-csrf-token` on every POST, PATCH, PUT and DELETE. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
