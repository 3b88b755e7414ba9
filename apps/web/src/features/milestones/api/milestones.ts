import {
  type CreateMilestoneRequest,
  MilestoneListResponse,
  MilestoneResponse,
  type UpdateMilestoneRequest,
} from "@fundline/schemas";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { queryKeys, refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

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
function useRefreshAfterMilestoneChange(programmeId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      refreshAfterDeliveryChange(queryClient, programmeId),
      queryClient.invalidateQueries({ queryKey: milestoneKeys.all }),
    ]);
}

export function useCreateMilestone(programmeId: string) {
  const refresh = useRefreshAfterMilestoneChange(programmeId);
  return useMutation({ mutationFn: createMilestone, onSuccess: refresh });
}

export function useUpdateMilestone(programmeId: string) {
  const refresh = useRefreshAfterMilestoneChange(programmeId);
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateMilestoneRequest }) => updateMilestone(id, change),
    // A 409 also means the page is out of date: refresh it behind the conflict notice.
    onSettled: refresh,
  });
}
