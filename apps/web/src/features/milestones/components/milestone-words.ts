import type { MilestoneResponse } from "@fundline/schemas";

type Status = MilestoneResponse["status"];

export const MILESTONE_STATUS: Record<Status, { label: string; tone: "grey" | "blue" | "green" | "amber" | "red" }> = {
  not_started: { label: "Not started", tone: "grey" },
  on_track: { label: "On track", tone: "blue" },
  at_risk: { label: "At risk", tone: "amber" },
  delayed: { label: "Delayed", tone: "red" },
  met: { label: "Complete", tone: "green" },
  cancelled: { label: "Cancelled", tone: "grey" },
};

/** The statuses a milestone still in progress can be given (complete has its own form). */
export const PROGRESS_STATUSES = ["not_started", "on_track", "at_risk", "delayed"] as const;

export function isOutstanding(milestone: Pick<MilestoneResponse, "status">): boolean {
  return milestone.status !== "met" && milestone.status !== "cancelled";
}

/** Due on the forecast date when there is one, else on the baseline. */
export function dueOn(milestone: Pick<MilestoneResponse, "forecastOn" | "baselineOn">): string {
  return milestone.forecastOn ?? milestone.baselineOn;
}

/** `45 days late`, `12 days early`, `On time`. */
export function slippageInWords(days: number | null): string {
  if (days === null) return "No forecast";
  if (days === 0) return "On time";
  const count = Math.abs(days);
  return `${count} ${count === 1 ? "day" : "days"} ${days > 0 ? "late" : "early"}`;
}
