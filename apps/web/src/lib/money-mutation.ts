import { useMutation, useQueryClient } from "@tanstack/react-query";
import { refreshAfterMoneyChange } from "./query-keys.ts";

/**
 * A save of a money record (commitment, receipt, allocation, cost line, cost sharing, payment).
 * Afterwards every money figure is refreshed, saved or not: a 409 means someone else moved them.
 */
export function useMoneyMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => refreshAfterMoneyChange(queryClient) });
}

/** A fresh key for one attempt to create a record: a retry of the same submit sends it again. */
export const newIdempotencyKey = () => crypto.randomUUID();
