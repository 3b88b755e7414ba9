import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { refreshAfterMoneyChange } from "./query-keys.ts";

/**
 * The one way the web app saves: the request, then `refresh` of the queries whose figures it may
 * have changed, saved or not (a 409 means someone else changed them, and the next attempt must
 * read theirs). `refresh` is given the answer when there is one, for a save that changes nothing
 * in some answers (a preview). Signing in and out, which replace the session rather than refresh
 * figures, are the session feature's own.
 */
export function useRefreshingMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  refresh: (queryClient: QueryClient, result: Result | undefined) => Promise<unknown> | undefined,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: (result) => refresh(queryClient, result) });
}

/** A save of a money record (commitment, receipt, allocation, cost line, cost sharing, payment): every money figure refreshed. */
export const useMoneyMutation = <Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) =>
  useRefreshingMutation(mutationFn, refreshAfterMoneyChange);

/** A fresh key for one attempt to create a record: a retry of the same submit sends it again. */
export const newIdempotencyKey = () => crypto.randomUUID();
