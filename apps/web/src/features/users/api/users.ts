import type { Role } from "@fundline/domain";
import {
  InvitedUserResponse,
  type InviteUserRequest,
  OrganisationListResponse,
  RolePolicy,
  RolePolicyListResponse,
  SignInFailureListResponse,
  SignInFailuresResponse,
  UserListResponse,
  UserResponse,
} from "@fundline/schemas";
import { getJson, sendJson } from "../../../lib/api-client.ts";

export const userKeys = {
  all: ["users"] as const,
  organisations: ["organisations", "all"] as const,
  signInFailures: ["users", "sign-in-failures"] as const,
};

export const getUsers = () => getJson("/api/users?pageSize=500", UserListResponse);
export const getOrganisations = () => getJson("/api/organisations?pageSize=500", OrganisationListResponse);

export const inviteUser = (invitation: InviteUserRequest) =>
  sendJson("POST", "/api/users", invitation, InvitedUserResponse);

export const setUserActive = (user: { id: string; version: number }, active: boolean) =>
  sendJson("PATCH", `/api/users/${user.id}`, { version: user.version, active }, UserResponse);

export const getSignInFailures = () => getJson("/api/sign-in-failures", SignInFailureListResponse);
export const clearSignInFailures = (userId: string) =>
  sendJson("DELETE", `/api/users/${userId}/sign-in-failures`, undefined, SignInFailuresResponse);

export const rolePolicyKey = ["role-policies"] as const;
export const getRolePolicies = () => getJson("/api/role-policies", RolePolicyListResponse);
export const setRolePolicy = (policy: { role: Role; version: number }, totpRequired: boolean) =>
  sendJson("PATCH", `/api/role-policies/${policy.role}`, { version: policy.version, totpRequired }, RolePolicy);
