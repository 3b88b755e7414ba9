import type { QueryClient } from "@tanstack/react-query";

/**
 * Every query's key, in one place, so a save can refresh exactly the figures it changes on every
 * screen without one feature reaching into another's files. Keys nest: invalidating
 * `programmes.detail(id)` refreshes nothing else; `programmes.all` refreshes every programme query.
 */
export const queryKeys = {
  session: ["session"] as const,
  programmes: {
    all: ["programmes"] as const,
    lists: ["programmes", "list"] as const,
    choices: ["programmes", "list", "choices"] as const,
    list: (page: number, filters: Record<string, string> = {}) => ["programmes", "list", page, filters] as const,
    detail: (id: string) => ["programmes", "detail", id] as const,
    histories: ["programmes", "history"] as const,
    history: (id: string, page: number) => ["programmes", "history", id, page] as const,
  },
  reconciliation: {
    all: ["reconciliation"] as const,
    portfolio: (filters: unknown, page: number) => ["reconciliation", "portfolio", filters, page] as const,
    programme: (id: string) => ["reconciliation", "programme", id] as const,
  },
  dashboard: (filters: Record<string, string>) => ["programmes", "dashboard", filters] as const,
  milestones: {
    all: ["milestones"] as const,
    due: (to: string) => ["milestones", "due", to] as const,
  },
  decisions: {
    ofProgramme: (programmeId: string) => ["decisions", "programme", programmeId] as const,
  },
  benefits: {
    readings: (benefitId: string) => ["benefits", benefitId, "readings"] as const,
  },
  organisations: {
    root: ["organisations"] as const,
    all: ["organisations", "all"] as const,
    ofKind: (kind: string) => ["organisations", "kind", kind] as const,
  },
  funds: { all: ["funds", "all"] as const },
  /** Money records (commitments, receipts, allocations, spend): any money change refreshes them all. */
  money: {
    all: ["money"] as const,
    commitments: (filters: Record<string, string>) => ["money", "commitments", filters] as const,
    commitment: (id: string) => ["money", "commitment", id] as const,
    receipts: (filters: Record<string, string>) => ["money", "receipts", filters] as const,
    allocations: (filters: Record<string, string>) => ["money", "allocations", filters] as const,
    spend: (filters: Record<string, string>) => ["money", "spend", filters] as const,
    payment: (id: string) => ["money", "payment", id] as const,
  },
  users: {
    all: ["users"] as const,
    signInFailures: ["users", "sign-in-failures"] as const,
    organisations: ["users", "organisations"] as const,
    rolePolicies: ["users", "role-policies"] as const,
  },
  spendImport: {
    all: ["spend-import"] as const,
    batches: ["spend-import", "batches"] as const,
    mappings: ["spend-import", "mappings"] as const,
  },
  grantImport: { funds: ["grant-import", "funds"] as const },
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
