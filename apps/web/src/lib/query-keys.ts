import type { QueryClient } from "@tanstack/react-query";

/**
 * The roots the refresh rules below touch, shared by every feature whose figures they move:
 * programmes (and the dashboard beneath them), reconciliation and money. Each feature declares
 * its own keys in its own folder (its `api/`), beneath one of these when a save elsewhere
 * must refresh it: a money record's list under `money.all`, the dashboard under
 * `programmes.all`. Keys nest: invalidating `programmes.detail(id)` refreshes nothing else;
 * `programmes.all` refreshes every programme query.
 */
export const queryKeys = {
  programmes: {
    all: ["programmes"] as const,
    lists: ["programmes", "list"] as const,
    choices: ["programmes", "list", "choices"] as const,
    list: (page: number, filters: Record<string, string> = {}) => ["programmes", "list", page, filters] as const,
    detail: (id: string) => ["programmes", "detail", id] as const,
    histories: ["programmes", "history"] as const,
    history: (id: string, page: number) => ["programmes", "history", id, page] as const,
  },
  reconciliation: { all: ["reconciliation"] as const },
  /** Money records (commitments, receipts, allocations, spend): any money change refreshes them all. */
  money: { all: ["money"] as const },
};

/**
 * After a change to a programme's delivery records (milestones, deliverables, benefits, risks):
 * the programme page, its history and the dashboard's delivery figures. Money does not move, so
 * money queries are left alone.
 */
export function refreshAfterDeliveryChange(queryClient: QueryClient, programmeId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.programmes.detail(programmeId) }),
    queryClient.invalidateQueries({ queryKey: ["programmes", "history", programmeId] }),
    queryClient.invalidateQueries({ queryKey: ["programmes", "dashboard"] }),
  ]);
}

/**
 * After money moved (a record saved by hand, a spend import or its reversal, a 360Giving
 * import): every figure of money, on every screen that shows one. Totals cross programmes (the
 * portfolio, the dashboard), so nothing narrower is safe.
 */
export function refreshAfterMoneyChange(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.reconciliation.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.money.all }),
  ]);
}
