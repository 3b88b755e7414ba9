import type { Role } from "@fundline/domain";
import {
  InvitedUserResponse,
  type InviteUserRequest,
  OrganisationListResponse,
  RolePolicy,
  RolePolicyListResponse,
  SignInFailureListResponse,
  SignInFailuresResponse,
  type UpdateUserRequest,
  UserListResponse,
  UserResponse,
} from "@fundline/schemas";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";

/** This feature's queries: people, their councils, sign-in failures and what each role may do. */
export const userKeys = {
  all: ["users"] as const,
  signInFailures: ["users", "sign-in-failures"] as const,
  organisations: ["users", "organisations"] as const,
  rolePolicies: ["users", "role-policies"] as const,
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

export const getRolePolicies = () => getJson("/api/role-policies", RolePolicyListResponse);
export const setRolePolicy = (policy: { role: Role; version: number }, totpRequired: boolean) =>
  sendJson("PATCH", `/api/role-policies/${policy.role}`, { version: policy.version, totpRequired }, RolePolicy);

export const usersQueryOptions = () => queryOptions({ queryKey: userKeys.all, queryFn: getUsers });
export const invitableOrganisationsQueryOptions = () =>
  queryOptions({ queryKey: userKeys.organisations, queryFn: getOrganisations });
export const signInFailuresQueryOptions = () =>
  queryOptions({ queryKey: userKeys.signInFailures, queryFn: getSignInFailures });
export const rolePoliciesQueryOptions = () =>
  queryOptions({ queryKey: userKeys.rolePolicies, queryFn: getRolePolicies });

export const useUsers = () => useQuery(usersQueryOptions());
export const useInvitableOrganisations = () => useQuery(invitableOrganisationsQueryOptions());
export const useSignInFailures = () => useQuery(signInFailuresQueryOptions());
export const useRolePolicies = () => useQuery(rolePoliciesQueryOptions());

// After a 409 too: the list was out of date, and the next click must use the fresh version.
const refreshUsers = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: userKeys.all, exact: true });

export const useInviteUser = () => useRefreshingMutation(inviteUser, refreshUsers);

export const useSetUserActive = () =>
  useRefreshingMutation(
    ({ user, active }: { user: { id: string; version: number }; active: boolean }) => setUserActive(user, active),
    refreshUsers,
  );

export const useClearSignInFailures = () =>
  useRefreshingMutation(
    (user: { id: string }) => clearSignInFailures(user.id),
    (queryClient) => queryClient.invalidateQueries({ queryKey: userKeys.signInFailures }),
  );

export const useSetRolePolicy = () =>
  useRefreshingMutation(
    ({ role, version, required }: { role: Role; version: number; required: boolean }) =>
      setRolePolicy({ role, version }, required),
    (queryClient) => queryClient.invalidateQueries({ queryKey: userKeys.rolePolicies }),
  );

export const updateUser = (id: string, change: UpdateUserRequest) =>
  sendJson("PATCH", `/api/users/${encodeURIComponent(id)}`, change, UserResponse);

/** A person's role, organisation or assigned programmes; a 409 refreshes the list too. */
export const useUpdateUser = () =>
  useRefreshingMutation(
    ({ id, change }: { id: string; change: UpdateUserRequest }) => updateUser(id, change),
    refreshUsers,
  );
