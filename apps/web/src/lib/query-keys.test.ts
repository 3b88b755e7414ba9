// What each kind of save refreshes: money moves every money figure on every screen (totals
// cross programmes), delivery moves its programme's page, history and the dashboard, and
// neither touches what it cannot change (the session, users, organisations).
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys, refreshAfterDeliveryChange, refreshAfterMoneyChange } from "./query-keys.ts";

const ONE = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

/** A cache holding one answer for each of these screens, none of them stale. */
function cacheOf(keys: Record<string, readonly unknown[]>) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { loaded: true });
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { queryClient, stale };
}

// Features declare their own keys; these are those keys as the features write them.
const SCREENS = {
  session: ["session"],
  programmeList: queryKeys.programmes.list(1),
  programme: queryKeys.programmes.detail(ONE),
  otherProgramme: queryKeys.programmes.detail(OTHER),
  history: queryKeys.programmes.history(ONE, 1),
  otherHistory: queryKeys.programmes.history(OTHER, 1),
  dashboard: [...queryKeys.programmes.all, "dashboard", {}],
  portfolio: [...queryKeys.reconciliation.all, "portfolio", {}, 1],
  programmeMoney: [...queryKeys.reconciliation.all, "programme", ONE],
  spend: [...queryKeys.money.all, "spend", {}],
  commitment: [...queryKeys.money.all, "commitment", ONE],
  users: ["users"],
  organisations: ["organisations", "all"],
  milestonesDue: ["milestones", "due", "2027-03-31"],
};

describe("what a save refreshes", () => {
  it("after money moved: every figure of money on every programme, and nothing else", async () => {
    const { queryClient, stale } = cacheOf(SCREENS);
    await refreshAfterMoneyChange(queryClient);
    expect(stale()).toEqual(
      [
        "programmeList",
        "programme",
        "otherProgramme",
        "history",
        "otherHistory",
        "dashboard",
        "portfolio",
        "programmeMoney",
        "spend",
        "commitment",
      ].sort(),
    );
  });

  it("after a delivery record changed: its programme's page and history and the dashboard, no money", async () => {
    const { queryClient, stale } = cacheOf(SCREENS);
    await refreshAfterDeliveryChange(queryClient, ONE);
    expect(stale()).toEqual(["dashboard", "history", "programme"]);
  });
});
