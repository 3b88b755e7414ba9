import { ProgrammeDetail } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const programmeQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.programmes.detail(id),
    queryFn: () => getJson(`/api/programmes/${encodeURIComponent(id)}`, ProgrammeDetail),
  });

export const useProgramme = (id: string) => useQuery(programmeQueryOptions(id));
