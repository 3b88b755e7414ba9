import { ProgrammeHistoryResponse } from "@fundline/schemas";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const HISTORY_PAGE_SIZE = 20;

export const programmeHistoryQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: queryKeys.programmes.history(id, page),
    queryFn: () =>
      getJson(
        `/api/programmes/${encodeURIComponent(id)}/history?page=${page}&pageSize=${HISTORY_PAGE_SIZE}`,
        ProgrammeHistoryResponse,
      ),
    placeholderData: keepPreviousData,
  });

export const useProgrammeHistory = (id: string, page: number) => useQuery(programmeHistoryQueryOptions(id, page));
