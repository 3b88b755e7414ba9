import { type ChangeRequestListQuery, ChangeRequestListResponse, ChangeRequestResponse } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export type ChangeRequestFilters = Partial<
  Record<Exclude<keyof ChangeRequestListQuery, "awaitingMe">, string> & { awaitingMe: "true" }
>;

/** Under the money root: a money save (or its being sent for approval) refreshes them. */
export const changeRequestKeys = {
  list: (filters: ChangeRequestFilters) => [...queryKeys.money.all, "change-requests", filters] as const,
};

export const changeRequestsQueryOptions = (filters: ChangeRequestFilters) =>
  queryOptions({
    queryKey: changeRequestKeys.list(filters),
    queryFn: () =>
      getJson(`/api/change-requests?${new URLSearchParams(filters).toString()}`, ChangeRequestListResponse),
  });
export const useChangeRequests = (filters: ChangeRequestFilters, { enabled = true } = {}) =>
  useQuery({ ...changeRequestsQueryOptions(filters), enabled });

const path = (request: ChangeRequestResponse, action: "approve" | "reject") =>
  `/api/change-requests/${encodeURIComponent(request.id)}/${action}`;

/** Approving moves the figures: every money figure refreshes. */
export const useApproveChange = () =>
  useMoneyMutation(({ request, note }: { request: ChangeRequestResponse; note?: string }) =>
    sendJson("POST", path(request, "approve"), { version: request.version, note }, ChangeRequestResponse),
  );

/** Rejecting (or withdrawing) moves none, but the pending totals change. */
export const useRejectChange = () =>
  useMoneyMutation(({ request, reason }: { request: ChangeRequestResponse; reason: string }) =>
    sendJson("POST", path(request, "reject"), { version: request.version, reason }, ChangeRequestResponse),
  );
