import { PortfolioReconciliation } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";

export type PortfolioFilters = {
  severity?: string;
  code?: string;
  funderId?: string;
  organisationId?: string;
  financialYear?: string;
  page: number;
};

/** The query string for the portfolio with these filters (also used by the download links). */
export function portfolioSearch({
  page: _page,
  ...filters
}: Omit<PortfolioFilters, "page"> & { page?: number }): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
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
