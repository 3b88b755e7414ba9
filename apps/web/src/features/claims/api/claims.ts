import {
  ClaimPack,
  type ClaimPaidRequest,
  ClaimResponse,
  type CreateClaimRequest,
  type RetireRequest,
} from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const packPath = (commitmentId: string, from: string, to: string) =>
  `/api/commitments/${encodeURIComponent(commitmentId)}/claim-pack?${new URLSearchParams({ from, to })}`;

/** The workbook for the funder: the same pack, one sheet per part. */
export const claimWorkbookPath = (commitmentId: string, from: string, to: string) =>
  `${packPath(commitmentId, from, to)}&download=workbook`;

/** Under the money root: a claim, a receipt or a payment saved refreshes the pack. */
export const claimPackQueryOptions = (commitmentId: string, from: string, to: string) =>
  queryOptions({
    queryKey: [...queryKeys.money.all, "claim-pack", commitmentId, from, to],
    queryFn: () => getJson(packPath(commitmentId, from, to), ClaimPack),
    placeholderData: keepPreviousData,
  });
export const useClaimPack = (commitmentId: string, from: string, to: string) =>
  useQuery({ ...claimPackQueryOptions(commitmentId, from, to), enabled: from !== "" && to !== "" && from <= to });

export const useCreateClaim = () =>
  useMoneyMutation(({ claim, key }: { claim: CreateClaimRequest; key: string }) =>
    sendJson("POST", "/api/claims", claim, ClaimResponse, { idempotencyKey: key }),
  );

export const useMarkClaimPaid = () =>
  useMoneyMutation(({ id, paid }: { id: string; paid: ClaimPaidRequest }) =>
    sendJson("POST", `/api/claims/${encodeURIComponent(id)}/paid`, paid, ClaimResponse),
  );

export const useRetireClaim = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `/api/claims/${encodeURIComponent(id)}/retire`, retirement, ClaimResponse),
  );
