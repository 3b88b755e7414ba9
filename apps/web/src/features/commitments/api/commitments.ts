import {
  CommitmentDetail,
  CommitmentListResponse,
  CommitmentResponse,
  type CreateCommitmentRequest,
  type RetireRequest,
  type UpdateCommitmentRequest,
} from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** Under the money root, which every money change refreshes. */
export const commitmentKeys = {
  list: (filters: Record<string, string>) => [...queryKeys.money.all, "commitments", filters] as const,
  one: (id: string) => [...queryKeys.money.all, "commitment", id] as const,
};

export type CommitmentFilters = Partial<
  Record<"funderId" | "status" | "financialYear" | "programmeId" | "unassigned" | "sort" | "direction", string>
>;

const path = (id: string) => `/api/commitments/${encodeURIComponent(id)}`;

export const commitmentsSearch = (filters: CommitmentFilters) => new URLSearchParams(filters).toString();

export const commitmentsQueryOptions = (page: number, filters: CommitmentFilters) =>
  queryOptions({
    queryKey: commitmentKeys.list({ ...filters, page: String(page) }),
    queryFn: () =>
      getJson(`/api/commitments?${commitmentsSearch({ ...filters })}&page=${page}`, CommitmentListResponse),
    placeholderData: keepPreviousData,
  });
export const useCommitments = (page: number, filters: CommitmentFilters) =>
  useQuery(commitmentsQueryOptions(page, filters));

export const commitmentQueryOptions = (id: string) =>
  queryOptions({ queryKey: commitmentKeys.one(id), queryFn: () => getJson(path(id), CommitmentDetail) });
export const useCommitment = (id: string) => useQuery(commitmentQueryOptions(id));

export const useCreateCommitment = () =>
  useMoneyMutation(({ commitment, key }: { commitment: CreateCommitmentRequest; key: string }) =>
    sendJson("POST", "/api/commitments", commitment, CommitmentResponse, { idempotencyKey: key }),
  );

export const useUpdateCommitment = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateCommitmentRequest }) =>
    sendJson("PATCH", path(id), change, CommitmentResponse),
  );

export const useRetireCommitment = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, CommitmentResponse),
  );
