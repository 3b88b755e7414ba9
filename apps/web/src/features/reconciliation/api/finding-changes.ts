import type { ReconciliationFlag } from "@fundline/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { CODE_NAMES } from "../components/flag-names.ts";
import { programmeReconciliationQueryOptions } from "./programme-reconciliation.ts";

const keyOf = (flag: ReconciliationFlag) => `${flag.code} ${flag.subject.type} ${flag.subject.id}`;

/**
 * The findings a save raised, cleared or changed, in words: what a finance officer needs to see
 * after recording money, without opening the reconciliation to compare by eye.
 */
export function findingChanges(before: ReconciliationFlag[], after: ReconciliationFlag[]): string[] {
  const was = new Map(before.map((flag) => [keyOf(flag), flag]));
  const now = new Map(after.map((flag) => [keyOf(flag), flag]));
  const changes: string[] = [];
  for (const [key, flag] of now) {
    const earlier = was.get(key);
    if (!earlier) changes.push(`New finding — ${CODE_NAMES[flag.code]}: ${flag.message}`);
    else if (earlier.message !== flag.message)
      changes.push(`Finding changed — ${CODE_NAMES[flag.code]}: ${flag.message}`);
  }
  for (const [key, flag] of was) {
    if (!now.has(key)) changes.push(`Finding cleared — ${CODE_NAMES[flag.code]}: ${flag.message}`);
  }
  return changes.length > 0 ? changes : ["No reconciliation finding changed."];
}

/**
 * Runs a money write and says which of the programme's findings it changed: the reconciliation
 * is read fresh just before and just after, so the comparison is of this write alone (unless
 * someone else saved in the same moment).
 */
export function useWriteWithFindings() {
  const queryClient = useQueryClient();
  return async <Result>(
    programmeId: string | null,
    write: () => Promise<Result>,
  ): Promise<{ result: Result; findings: string[] }> => {
    if (!programmeId) return { result: await write(), findings: [] };
    const read = () =>
      queryClient.fetchQuery({ ...programmeReconciliationQueryOptions(programmeId), staleTime: 0 }).catch(() => null);
    const before = await read();
    const result = await write();
    const after = await read();
    return { result, findings: before && after ? findingChanges(before.flags, after.flags) : [] };
  };
}
