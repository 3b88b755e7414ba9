import { DashboardResponse } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** Under the programmes' root: anything that changes a programme refreshes the dashboard. */
export const dashboardKey = (filters: Record<string, string>) =>
  [...queryKeys.programmes.all, "dashboard", filters] as const;

export const DASHBOARD_FILTERS = [
  "organisationId",
  "funderId",
  "financialYear",
  "status",
  "programmeId",
  "asAt",
] as const;
export type DashboardFilters = Partial<Record<(typeof DASHBOARD_FILTERS)[number], string>>;

export const dashboardQueryOptions = (filters: DashboardFilters) =>
  queryOptions({
    queryKey: dashboardKey(filters),
    queryFn: () => getJson(`/api/dashboard?${new URLSearchParams(filters)}`, DashboardResponse),
    placeholderData: keepPreviousData,
  });

export const useDashboard = (filters: DashboardFilters) => useQuery(dashboardQueryOptions(filters));
