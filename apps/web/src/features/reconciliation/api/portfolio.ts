import { PortfolioReconciliation } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const PORTFOLIO_FILTERS = ["severity", "code", "funderId", "organisationId", "financialYear", "asAt"] as const;
export type PortfolioFilters = Partial<Record<(typeof PORTFOLIO_FILTERS)[number], string>>;

/** The query string for the portfolio with these filters (also used by the download links). */
export function portfolioSearch(filters: PortfolioFilters): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
  return search.toString();
}

export const portfolioQueryOptions = (filters: PortfolioFilters, page: number) =>
  queryOptions({
    queryKey: [...queryKeys.reconciliation.all, "portfolio", filters, page],
    queryFn: () =>
      getJson(`/api/reconciliation?${portfolioSearch(filters)}&page=${page}&pageSize=50`, PortfolioReconciliation),
    placeholderData: keepPreviousData,
  });

export const usePortfolio = (filters: PortfolioFilters, page: number) => useQuery(portfolioQueryOptions(filters, page));
