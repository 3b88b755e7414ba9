// The figures several features show of a set of programmes (the programme list, reconciliation,
// the dashboard): which programmes, the spend attributed to each commitment and funder, and
// each year's profile against spend. Below those features, so none of them depends on another.
export {
  attributedSpend,
  capitalOutsideYear,
  commitmentFigures,
  costLineFigures,
  costSharingFigures,
  type Db,
  fundersShare,
  largePayments,
  oneProgramme,
  profiledAgainstSpent,
  profiledAgainstSpentBySlice,
  spendOutsideDates,
  type YearSlice,
  yearsFromSlices,
} from "./figures.ts";
export { programmeFilter, type SummaryFilter } from "./programme-filter.ts";
