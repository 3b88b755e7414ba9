import { declareRecord } from "../../lib/records.ts";

// A person's weekly emails are their own business, not a programme's.
export const weeklyDigestRecord = declareRecord({
  table: "WeeklyDigest",
  name: "weekly digest",
  retires: false,
  belongsTo: null,
});
