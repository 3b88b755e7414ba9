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
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

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

export const useUsers = () => useQuery({ queryKey: userKeys.all, queryFn: getUsers });
export const useInvitableOrganisations = () =>
  useQuery({ queryKey: userKeys.organisations, queryFn: getOrganisations });
export const useSignInFailures = () => useQuery({ queryKey: userKeys.signInFailures, queryFn: getSignInFailures });
export const useRolePolicies = () => useQuery({ queryKey: userKeys.rolePolicies, queryFn: getRolePolicies });

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, active }: { user: { id: string; version: number }; active: boolean }) =>
      setUserActive(user, active),
    // After a 409 too: the list was out of date, and the next click must use the fresh version.
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all, exact: true }),
  });
}

export function useClearSignInFailures() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: { id: string }) => clearSignInFailures(user.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.signInFailures }),
  });
}

export function useSetRolePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, version, required }: { role: Role; version: number; required: boolean }) =>
      setRolePolicy({ role, version }, required),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.rolePolicies }),
  });
}

export const updateUser = (id: string, change: UpdateUserRequest) =>
  sendJson("PATCH", `/api/users/${encodeURIComponent(id)}`, change, UserResponse);

/** A person's role, organisation or assigned programmes; a 409 refreshes the list too. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateUserRequest }) => updateUser(id, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all, exact: true }),
  });
}
