import { ProgrammeListResponse } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { programmeKeys } from "./query-keys.ts";

export const getProgrammes = () => getJson("/api/programmes", ProgrammeListResponse);

export const programmesQueryOptions = () => queryOptions({ queryKey: programmeKeys.list(), queryFn: getProgrammes });

export const useProgrammes = () => useQuery(programmesQueryOptions());
