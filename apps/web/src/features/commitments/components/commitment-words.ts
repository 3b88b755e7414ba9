import type { CommitmentResponse } from "@fundline/schemas";

type CommitmentStatus = CommitmentResponse["status"];

/** A commitment's status as a finance officer says it. */
export const COMMITMENT_STATUS: Record<CommitmentStatus, string> = {
  applied: "Applied for",
  awarded: "Awarded",
  received: "Received",
  unsuccessful: "Unsuccessful",
  withdrawn: "Withdrawn",
};

export const COMMITMENT_STATUS_OPTIONS = Object.entries(COMMITMENT_STATUS).map(([value, label]) => ({ value, label }));
