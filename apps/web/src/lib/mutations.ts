import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { refreshAfterMoneyChange } from "./query-keys.ts";

/**
 * A save, then `refresh` of the figures it may have changed, saved or not: a 409 means someone
 * else changed them, and the next attempt must read theirs.
 */
export function useRefreshingMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  refresh: (queryClient: QueryClient) => Promise<unknown>,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => refresh(queryClient) });
}

/** A save of a money record (commitment, receipt, allocation, cost line, cost sharing, payment): every money figure refreshed. */
export const useMoneyMutation = <Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) =>
  useRefreshingMutation(mutationFn, refreshAfterMoneyChange);

/** A fresh key for one attempt to create a record: a retry of the same submit sends it again. */
export const newIdempotencyKey = () => crypto.randomUUID();
