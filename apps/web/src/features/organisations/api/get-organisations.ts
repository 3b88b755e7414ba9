import { FundListResponse, OrganisationListResponse } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

// Reference data changes rarely (an administrator adds a funder once a year): kept five minutes.
const REFERENCE_STALE_TIME = 5 * 60_000;

/** Every organisation by name (councils, funders, suppliers), for choosing one in a filter. */
export const organisationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.all,
    queryFn: () => getJson("/api/organisations?pageSize=500", OrganisationListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useOrganisations = () => useQuery(organisationsQueryOptions());

/** Funders only: what a "funder" list offers (not suppliers, not evaluators). */
export const useFunders = () =>
  useQuery({
    queryKey: queryKeys.organisations.ofKind("funder"),
    queryFn: () => getJson("/api/organisations?kind=funder&pageSize=500", OrganisationListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });

/** Every fund, with its funder's name beside it ("Early Years Outcomes Fund — Department for Education"). */
export function useFunds() {
  const funders = useFunders();
  const funds = useQuery({
    queryKey: queryKeys.funds.all,
    queryFn: () => getJson("/api/funds?pageSize=500", FundListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });
  const names = new Map(funders.data?.organisations.map((funder) => [funder.id, funder.name]));
  return {
    ...funds,
    options: (funds.data?.funds ?? []).map((fund) => ({
      value: fund.id,
      label: `${fund.name} — ${names.get(fund.funderId) ?? "funder not found"}`,
    })),
  };
}
