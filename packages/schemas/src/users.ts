import { z } from "zod";
import { Text, Uuid, Version } from "./common.ts";
import { PagingWithoutRetired, pageOf } from "./paging.ts";
import { Email, NewPassword, Role } from "./session.ts";

export const InviteUserRequest = z.strictObject({
  email: Email,
  displayName: Text(200),
  organisationId: Uuid,
  role: Role,
  /** For programme managers: the programmes they keep current. */
  programmeIds: z.array(Uuid).max(200).default([]),
});
export type InviteUserRequest = z.infer<typeof InviteUserRequest>;

export const UpdateUserRequest = z.strictObject({
  version: Version,
  displayName: Text(200).optional(),
  role: Role.optional(),
  organisationId: Uuid.optional(),
  /** False ends every session of the user at once. */
  active: z.boolean().optional(),
  programmeIds: z.array(Uuid).max(200).optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserResponse = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: z.object({ id: Uuid, name: z.string() }),
  active: z.boolean(),
  /** True until the user has accepted the invitation and chosen a password. */
  invited: z.boolean(),
  programmeIds: z.array(Uuid),
  lastSignInAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserResponse = z.infer<typeof UserResponse>;

export const InvitedUserResponse = UserResponse.extend({
  /** Give this to the person (it is shown once): it lets them choose a password. */
  invitationUrl: z.string(),
  invitationExpiresAt: z.string(),
});
export type InvitedUserResponse = z.infer<typeof InvitedUserResponse>;

export const UserListQuery = z.strictObject({
  role: Role.optional(),
  organisationId: Uuid.optional(),
  active: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  sort: z.enum(["email", "displayName", "createdAt"]).default("email"),
  ...PagingWithoutRetired,
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export const UserListResponse = pageOf("users", UserResponse);

export const AcceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword,
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** An account's failed sign-ins over the last day, and how long its next try must wait from a new address. */
export const SignInFailuresResponse = z.object({
  failures: z.number().int(),
  /** Seconds, or 0: from an address the account has never signed in from. */
  waitSeconds: z.number().int(),
  /** True once the account reached the day's limit: only an administrator's clearing lets it in. */
  locked: z.boolean(),
});
export type SignInFailuresResponse = z.infer<typeof SignInFailuresResponse>;

/** Every account with failed sign-ins over the last day: what an administrator may need to clear. */
export const SignInFailureListResponse = z.object({
  accounts: z.array(SignInFailuresResponse.extend({ userId: Uuid })),
});
export type SignInFailureListResponse = z.infer<typeof SignInFailureListResponse>;
