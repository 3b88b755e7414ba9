import {
  InvitedUserResponse,
  type InviteUserRequest,
  OrganisationListResponse,
  UserListResponse,
  UserResponse,
} from "@fundline/schemas";
import { getJson, sendJson } from "../../../lib/api-client.ts";

export const userKeys = { all: ["users"] as const, organisations: ["organisations", "all"] as const };

export const getUsers = () => getJson("/api/users?pageSize=500", UserListResponse);
export const getOrganisations = () => getJson("/api/organisations?pageSize=500", OrganisationListResponse);

export const inviteUser = (invitation: InviteUserRequest) =>
  sendJson("POST", "/api/users", invitation, InvitedUserResponse);

export const setUserActive = (user: { id: string; version: number }, active: boolean) =>
  sendJson("PATCH", `/api/users/${user.id}`, { version: user.version, active }, UserResponse);
