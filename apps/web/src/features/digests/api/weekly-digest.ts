import { WeeklyDigestSetting } from "@fundline/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";

const weeklyDigestKey = ["weekly-digest"] as const;

/** Whether the signed-in person gets the weekly email. */
export const useWeeklyDigest = () =>
  useQuery({ queryKey: weeklyDigestKey, queryFn: () => getJson("/api/account/weekly-digest", WeeklyDigestSetting) });

export function useSetWeeklyDigest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (weeklyDigest: boolean) =>
      sendJson("PUT", "/api/account/weekly-digest", { weeklyDigest }, WeeklyDigestSetting),
    onSuccess: (setting) => queryClient.setQueryData(weeklyDigestKey, setting),
  });
}

/** The link in an email, followed with no session: the secret in it is the credential. */
export const useUnsubscribe = () =>
  useMutation({
    mutationFn: (token: string) =>
      sendJson("POST", `/api/weekly-digest/unsubscribe/${encodeURIComponent(token)}`, undefined, WeeklyDigestSetting),
  });
