import {
  AllocationListResponse,
  AllocationResponse,
  type CreateAllocationRequest,
  type RetireRequest,
  type UpdateAllocationRequest,
} from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const path = (id: string) => `/api/allocations/${encodeURIComponent(id)}`;

export const allocationsQueryOptions = (filters: Record<string, string>) =>
  queryOptions({
    queryKey: [...queryKeys.money.all, "allocations", filters],
    queryFn: () => getJson(`/api/allocations?${new URLSearchParams(filters)}`, AllocationListResponse),
    placeholderData: keepPreviousData,
  });
export const useAllocations = (filters: Record<string, string>) => useQuery(allocationsQueryOptions(filters));

export const useCreateAllocation = () =>
  useMoneyMutation(({ allocation, key }: { allocation: CreateAllocationRequest; key: string }) =>
    sendJson("POST", "/api/allocations", allocation, AllocationResponse, { idempotencyKey: key }),
  );

export const useUpdateAllocation = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateAllocationRequest }) =>
    sendJson("PATCH", path(id), change, AllocationResponse),
  );

export const useRetireAllocation = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, AllocationResponse),
  );
