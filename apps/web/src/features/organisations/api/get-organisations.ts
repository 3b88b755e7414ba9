import { OrganisationListResponse } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** Every organisation by name (councils, funders, suppliers), for choosing one in a filter. */
export const organisationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.all,
    queryFn: () => getJson("/api/organisations?pageSize=500", OrganisationListResponse),
    staleTime: 5 * 60_000,
  });

export const useOrganisations = () => useQuery(organisationsQueryOptions());
