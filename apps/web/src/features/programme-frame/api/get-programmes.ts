import { ProgrammeListResponse } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** The filters the programme list shares with the dashboard. */
export type ProgrammeFilters = Partial<Record<"organisationId" | "funderId" | "financialYear" | "status", string>>;

export const getProgrammes = (page: number, filters: ProgrammeFilters = {}) => {
  const search = new URLSearchParams({ ...filters, page: String(page) });
  return getJson(`/api/programmes?${search}`, ProgrammeListResponse);
};

export const programmesQueryOptions = (page: number, filters: ProgrammeFilters = {}) =>
  queryOptions({
    queryKey: queryKeys.programmes.list(page, filters),
    queryFn: () => getProgrammes(page, filters),
    placeholderData: keepPreviousData,
  });

export const useProgrammes = (page: number, filters: ProgrammeFilters = {}) =>
  useQuery(programmesQueryOptions(page, filters));

/** The programmes in scope by name, for choosing one (tying a grant to it). */
export const programmeChoicesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.programmes.choices,
    queryFn: () => getJson("/api/programmes?pageSize=500&sort=name", ProgrammeListResponse),
  });
export const useProgrammeChoices = () => useQuery(programmeChoicesQueryOptions());
