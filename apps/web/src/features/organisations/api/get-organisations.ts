import {
  type CreateFundRequest,
  type CreateOrganisationRequest,
  FundListResponse,
  FundResponse,
  OrganisationListResponse,
  OrganisationResponse,
  type RetireRequest,
  type UpdateFundRequest,
  type UpdateOrganisationRequest,
} from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";

/** This feature's queries: organisations (all, or of one kind) and funds. */
export const organisationKeys = {
  root: ["organisations"] as const,
  all: ["organisations", "all"] as const,
  ofKind: (kind: string) => ["organisations", "kind", kind] as const,
  funds: ["funds", "all"] as const,
};

// Reference data changes rarely (an administrator adds a funder once a year): kept five minutes.
const REFERENCE_STALE_TIME = 5 * 60_000;

/** Every organisation by name (councils, funders, suppliers), for choosing one in a filter. */
export const organisationsQueryOptions = () =>
  queryOptions({
    queryKey: organisationKeys.all,
    queryFn: () => getJson("/api/organisations?pageSize=500", OrganisationListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useOrganisations = () => useQuery(organisationsQueryOptions());

/** Organisations of one kind: a "funder" list offers funders only, a lead council only councils. */
export const organisationsOfKindQueryOptions = (kind: "council" | "funder" | "supplier" | "evaluator") =>
  queryOptions({
    queryKey: organisationKeys.ofKind(kind),
    queryFn: () => getJson(`/api/organisations?kind=${kind}&pageSize=500`, OrganisationListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });
export const useOrganisationsOfKind = (kind: "council" | "funder" | "supplier" | "evaluator") =>
  useQuery(organisationsOfKindQueryOptions(kind));

export const fundsQueryOptions = () =>
  queryOptions({
    queryKey: organisationKeys.funds,
    queryFn: () => getJson("/api/funds?pageSize=500", FundListResponse),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useFunders = () => useOrganisationsOfKind("funder");

/** Every fund, with its funder's name beside it ("Early Years Outcomes Fund — Department for Education"). */
export function useFunds() {
  const funders = useFunders();
  const funds = useQuery(fundsQueryOptions());
  const names = new Map(funders.data?.organisations.map((funder) => [funder.id, funder.name]));
  return {
    ...funds,
    options: (funds.data?.funds ?? []).map((fund) => ({
      value: fund.id,
      label: `${fund.name} — ${names.get(fund.funderId) ?? "funder not found"}`,
    })),
  };
}

const organisationPath = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;
const fundPath = (id: string) => `/api/funds/${encodeURIComponent(id)}`;

/** Reference data feeds every funder list and filter: a change refreshes them all. */
const useReferenceMutation = <Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) =>
  useRefreshingMutation(mutationFn, (queryClient) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: organisationKeys.root }),
      queryClient.invalidateQueries({ queryKey: organisationKeys.funds }),
    ]),
  );

export const useCreateOrganisation = () =>
  useReferenceMutation((organisation: CreateOrganisationRequest) =>
    sendJson("POST", "/api/organisations", organisation, OrganisationResponse),
  );
export const useUpdateOrganisation = () =>
  useReferenceMutation(({ id, change }: { id: string; change: UpdateOrganisationRequest }) =>
    sendJson("PATCH", organisationPath(id), change, OrganisationResponse),
  );
export const useRetireOrganisation = () =>
  useReferenceMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${organisationPath(id)}/retire`, retirement, OrganisationResponse),
  );
export const useCreateFund = () =>
  useReferenceMutation((fund: CreateFundRequest) => sendJson("POST", "/api/funds", fund, FundResponse));
export const useUpdateFund = () =>
  useReferenceMutation(({ id, change }: { id: string; change: UpdateFundRequest }) =>
    sendJson("PATCH", fundPath(id), change, FundResponse),
  );
export const useRetireFund = () =>
  useReferenceMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${fundPath(id)}/retire`, retirement, FundResponse),
  );
