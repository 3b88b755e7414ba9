import {
  type CreateReceiptRequest,
  ReceiptListResponse,
  ReceiptResponse,
  type RetireRequest,
  type UpdateReceiptRequest,
} from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const path = (id: string) => `/api/receipts/${encodeURIComponent(id)}`;

export const receiptsQueryOptions = (filters: Record<string, string>) =>
  queryOptions({
    queryKey: [...queryKeys.money.all, "receipts", filters],
    queryFn: () => getJson(`/api/receipts?${new URLSearchParams(filters)}`, ReceiptListResponse),
    placeholderData: keepPreviousData,
  });
export const useReceipts = (filters: Record<string, string>) => useQuery(receiptsQueryOptions(filters));

export const useCreateReceipt = () =>
  useMoneyMutation(({ receipt, key }: { receipt: CreateReceiptRequest; key: string }) =>
    sendJson("POST", "/api/receipts", receipt, ReceiptResponse, { idempotencyKey: key }),
  );

export const useUpdateReceipt = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateReceiptRequest }) =>
    sendJson("PATCH", path(id), change, ReceiptResponse),
  );

export const useRetireReceipt = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, ReceiptResponse),
  );
