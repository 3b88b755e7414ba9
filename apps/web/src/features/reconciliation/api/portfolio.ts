import { PortfolioReconciliation } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";

export type PortfolioFilters = { severity?: string; code?: string; page: number };

/** The query string for the portfolio with these filters (also used by the download links). */
export function portfolioSearch(filters: Omit<PortfolioFilters, "page">): string {
  const search = new URLSearchParams();
  if (filters.severity) search.set("severity", filters.severity);
  if (filters.code) search.set("code", filters.code);
  return search.toString();
}

export const portfolioQueryOptions = (filters: PortfolioFilters) =>
  queryOptions({
    queryKey: ["reconciliation", "portfolio", filters] as const,
    queryFn: () =>
      getJson(
        `/api/reconciliation?${portfolioSearch(filters)}&page=${filters.page}&pageSize=50`,
        PortfolioReconciliation,
      ),
    placeholderData: keepPreviousData,
  });

export const usePortfolio = (filters: PortfolioFilters) => useQuery(portfolioQueryOptions(filters));
