import { ProgrammeListResponse } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const getProgrammes = (page: number) => getJson(`/api/programmes?page=${page}`, ProgrammeListResponse);

export const programmesQueryOptions = (page: number) =>
  queryOptions({
    queryKey: queryKeys.programmes.list(page),
    queryFn: () => getProgrammes(page),
    placeholderData: keepPreviousData,
  });

export const useProgrammes = (page: number) => useQuery(programmesQueryOptions(page));
