import {
  type CreateDecisionRequest,
  DecisionListResponse,
  DecisionResponse,
  type RetireRequest,
  type UpdateDecisionRequest,
} from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterMoneyChange } from "../../../lib/query-keys.ts";

/** This feature's queries: each programme's decisions. */
const decisionKeys = {
  ofProgramme: (programmeId: string) => ["decisions", "programme", programmeId] as const,
};

/** The council decisions recorded against a programme, latest first. */
export const programmeDecisionsQueryOptions = (programmeId: string) =>
  queryOptions({
    queryKey: decisionKeys.ofProgramme(programmeId),
    queryFn: () =>
      getJson(
        `/api/decisions?programmeId=${encodeURIComponent(programmeId)}&sort=decidedOn&direction=desc&pageSize=200`,
        DecisionListResponse,
      ),
  });

/** A programme's decisions; with no programme (`""`), nothing is asked. */
export const useProgrammeDecisions = (programmeId: string) =>
  useQuery({ ...programmeDecisionsQueryOptions(programmeId), enabled: programmeId !== "" });

const path = (id: string) => `/api/decisions/${encodeURIComponent(id)}`;

/** Decisions authorise money: a save refreshes the programme's decisions and its money. */
const useDecisionMutation = <Variables, Result>(
  programmeId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) =>
  useRefreshingMutation(mutationFn, (queryClient) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: decisionKeys.ofProgramme(programmeId) }),
      refreshAfterMoneyChange(queryClient),
    ]),
  );

export const useCreateDecision = (programmeId: string) =>
  useDecisionMutation(programmeId, (decision: CreateDecisionRequest) =>
    sendJson("POST", "/api/decisions", decision, DecisionResponse),
  );

export const useUpdateDecision = (programmeId: string) =>
  useDecisionMutation(programmeId, ({ id, change }: { id: string; change: UpdateDecisionRequest }) =>
    sendJson("PATCH", path(id), change, DecisionResponse),
  );

export const useRetireDecision = (programmeId: string) =>
  useDecisionMutation(programmeId, ({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, DecisionResponse),
  );
