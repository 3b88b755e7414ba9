-- Figures as at a moment read temporary copies of the versioned tables (the `as_at` views) and
-- add the running totals up from those copies (apps/api/src/lib/as-at.ts): the totals' views,
-- read by no one now, go.
DROP VIEW as_at."CommitmentTotal";
DROP VIEW as_at."CommitmentYearTotal";
DROP VIEW as_at."CostLineTotal";
DROP VIEW as_at."CostLineYearTotal";
DROP VIEW as_at."ProgrammeTotal";
DROP VIEW as_at."ProgrammeMonthTotal";
DROP VIEW as_at."CostSharingTotal";
DROP VIEW as_at."CostSharingPaymentTotal";
