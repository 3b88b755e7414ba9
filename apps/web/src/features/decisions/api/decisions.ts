import { DecisionListResponse } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** The council decisions recorded against a programme, latest first. */
export const programmeDecisionsQueryOptions = (programmeId: string) =>
  queryOptions({
    queryKey: queryKeys.decisions.ofProgramme(programmeId),
    queryFn: () =>
      getJson(
        `/api/decisions?programmeId=${encodeURIComponent(programmeId)}&sort=decidedOn&direction=desc&pageSize=200`,
        DecisionListResponse,
      ),
  });

/** A programme's decisions; with no programme (`""`), nothing is asked. */
export const useProgrammeDecisions = (programmeId: string) =>
  useQuery({ ...programmeDecisionsQueryOptions(programmeId), enabled: programmeId !== "" });
