import {
  type CreateMilestoneRequest,
  MilestoneListResponse,
  MilestoneResponse,
  type UpdateMilestoneRequest,
} from "@fundline/schemas";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

/** This feature's queries: milestones due, across programmes. */
export const milestoneKeys = {
  all: ["milestones"] as const,
  due: (to: string) => ["milestones", "due", to] as const,
};

/** Outstanding milestones due on or before `to` (overdue ones included), on the user's programmes. */
export const dueMilestonesQueryOptions = (to: string) =>
  queryOptions({
    queryKey: milestoneKeys.due(to),
    queryFn: () =>
      getJson(`/api/milestones?outstanding=true&to=${to}&sort=forecastOn&pageSize=200`, MilestoneListResponse),
  });

export const useDueMilestones = (to: string) => useQuery(dueMilestonesQueryOptions(to));

export const createMilestone = (milestone: CreateMilestoneRequest) =>
  sendJson("POST", "/api/milestones", milestone, MilestoneResponse);

export const updateMilestone = (id: string, change: UpdateMilestoneRequest) =>
  sendJson("PATCH", `/api/milestones/${encodeURIComponent(id)}`, change, MilestoneResponse);

/** A milestone's dates or status moved: its programme's page and history, and every due list. */
const refreshAfterMilestoneChange = (queryClient: QueryClient, programmeId: string) =>
  Promise.all([
    refreshAfterDeliveryChange(queryClient, programmeId),
    queryClient.invalidateQueries({ queryKey: milestoneKeys.all }),
  ]);

export const useCreateMilestone = (programmeId: string) =>
  useRefreshingMutation(createMilestone, (queryClient) => refreshAfterMilestoneChange(queryClient, programmeId));

export const useUpdateMilestone = (programmeId: string) =>
  useRefreshingMutation(
    ({ id, change }: { id: string; change: UpdateMilestoneRequest }) => updateMilestone(id, change),
    (queryClient) => refreshAfterMilestoneChange(queryClient, programmeId),
  );
