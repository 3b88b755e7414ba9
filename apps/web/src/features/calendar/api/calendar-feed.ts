import { CalendarFeedResponse, NewCalendarFeedResponse } from "@fundline/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";

const calendarFeedKey = ["calendar-feed"] as const;

/** Whether the signed-in person has a calendar address, and since when. */
export const useCalendarFeed = () =>
  useQuery({ queryKey: calendarFeedKey, queryFn: () => getJson("/api/calendar-feed", CalendarFeedResponse) });

/** A new address (shown once); an earlier one stops working. */
export function useMakeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson("POST", "/api/calendar-feed", undefined, NewCalendarFeedResponse),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKey }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson("DELETE", "/api/calendar-feed", undefined, CalendarFeedResponse),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKey }),
  });
}
