import {
  type ClosePeriodRequest,
  type PeriodCloseResponse,
  PeriodCloseResponse as PeriodCloseSchema,
  PeriodListResponse,
} from "@fundline/schemas";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";

/** This feature's queries: the council's closed periods. */
export const periodKeys = { all: ["periods"] as const };

export const getPeriods = () => getJson("/api/periods", PeriodListResponse);
export const closePeriod = (close: ClosePeriodRequest) => sendJson("POST", "/api/periods", close, PeriodCloseSchema);
export const askToReopen = ({ period, reason }: { period: PeriodCloseResponse; reason: string }) =>
  sendJson(
    "POST",
    `/api/periods/${encodeURIComponent(period.id)}/reopen-request`,
    { reason, version: period.version },
    PeriodCloseSchema,
  );
export const reopen = (period: PeriodCloseResponse) =>
  sendJson(
    "POST",
    `/api/periods/${encodeURIComponent(period.id)}/reopen`,
    { version: period.version },
    PeriodCloseSchema,
  );

export const periodsQueryOptions = () => queryOptions({ queryKey: periodKeys.all, queryFn: getPeriods });
export const usePeriods = () => useQuery(periodsQueryOptions());

/** Closing or re-opening changes no figure: only the list of periods refreshes. */
const refreshPeriods = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: periodKeys.all });
export const useClosePeriod = () => useRefreshingMutation(closePeriod, refreshPeriods);
export const useAskToReopen = () => useRefreshingMutation(askToReopen, refreshPeriods);
export const useReopen = () => useRefreshingMutation(reopen, refreshPeriods);
