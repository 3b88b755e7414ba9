import {
  type CreateSpendRequest,
  type RetireRequest,
  SpendInList,
  SpendListResponse,
  SpendResponse,
  type UpdateSpendRequest,
} from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** Under the money root, which every money change refreshes. */
const spendKeys = {
  list: (filters: Record<string, string>) => [...queryKeys.money.all, "spend", filters] as const,
  payment: (id: string) => [...queryKeys.money.all, "payment", id] as const,
};

const path = (id: string) => `/api/spend/${encodeURIComponent(id)}`;

export const spendSearch = (filters: Record<string, string>) => new URLSearchParams(filters).toString();

export const spendQueryOptions = (filters: Record<string, string>) =>
  queryOptions({
    queryKey: spendKeys.list(filters),
    queryFn: () => getJson(`/api/spend?${spendSearch(filters)}`, SpendListResponse),
    placeholderData: keepPreviousData,
  });
export const useSpend = (filters: Record<string, string>) => useQuery(spendQueryOptions(filters));

export const paymentQueryOptions = (id: string) =>
  queryOptions({ queryKey: spendKeys.payment(id), queryFn: () => getJson(path(id), SpendInList) });
export const usePayment = (id: string) => useQuery(paymentQueryOptions(id));

export const useCreateSpend = () =>
  useMoneyMutation(({ spend, key }: { spend: CreateSpendRequest; key: string }) =>
    sendJson("POST", "/api/spend", spend, SpendResponse, { idempotencyKey: key }),
  );

export const useUpdateSpend = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateSpendRequest }) =>
    sendJson("PATCH", path(id), change, SpendResponse),
  );

export const useRetireSpend = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, SpendResponse),
  );
