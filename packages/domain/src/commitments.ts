import { formatPence, type Pence } from "./money.ts";

export type RuleProblem = { path: string; message: string };

/** A commitment's financial-year profile, when given, must add up to the commitment. */
export function profileProblem(amountPence: Pence, profile: readonly { amountPence: Pence }[]): RuleProblem | null {
  if (profile.length === 0) return null;
  const total = profile.reduce((sum, year) => sum + BigInt(year.amountPence), 0n);
  if (total === BigInt(amountPence)) return null;
  return {
    path: "profile",
    message: `must add up to the amount: its years add up to ${formatPence(Number(total))} but the commitment is ${formatPence(amountPence)}`,
  };
}

/** Allocations drawn on a commitment must not exceed it. */
export function overAllocationProblem(
  commitmentPence: Pence,
  allocatedPence: Pence,
  path = "amountPence",
): RuleProblem | null {
  if (allocatedPence <= commitmentPence) return null;
  return {
    path,
    message: `allocations would total ${formatPence(allocatedPence)} against a commitment of ${formatPence(commitmentPence)}`,
  };
}
