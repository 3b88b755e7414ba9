// The dashboard's chart shaping and words: the points a line is drawn through, the month each
// period is, and the filters as the printed "as at" line names them.
import { describe, expect, it } from "vitest";
import { describeFilters, lastDayOf, monthName, spendOverTimePoints, timeTo } from "./dashboard-words.ts";

describe("spend over time, as the chart draws it", () => {
  it("draws a month's spend at its last day, leap years included", () => {
    const points = spendOverTimePoints({
      period: "month",
      points: [
        { period: "2024-01", spentPence: 100_00, cumulativePence: 100_00 },
        { period: "2024-02", spentPence: 25_50, cumulativePence: 125_50 },
        { period: "2025-02", spentPence: -5_50, cumulativePence: 120_00 },
      ],
    });
    expect(points).toEqual([
      { day: "2024-01-31", cumulativePence: 100_00 },
      { day: "2024-02-29", cumulativePence: 125_50 },
      { day: "2025-02-28", cumulativePence: 120_00 },
    ]);
  });

  it("draws a financial year's spend at its 31 March", () => {
    const points = spendOverTimePoints({
      period: "financialYear",
      points: [
        { period: "2023-24", spentPence: 1_000_00, cumulativePence: 1_000_00 },
        { period: "2024-25", spentPence: 250_00, cumulativePence: 1_250_00 },
      ],
    });
    expect(points).toEqual([
      { day: "2024-03-31", cumulativePence: 1_000_00 },
      { day: "2025-03-31", cumulativePence: 1_250_00 },
    ]);
  });

  it("names months and their last days", () => {
    expect([monthName("2021-04"), monthName("2022-12")]).toEqual(["April 2021", "December 2022"]);
    expect([lastDayOf("2021-04"), lastDayOf("2021-12"), lastDayOf("2100-02")]).toEqual([
      "2021-04-30",
      "2021-12-31",
      "2100-02-28",
    ]);
  });
});

describe("words on the dashboard", () => {
  it("says how far off a benefit's expected date is, in months", () => {
    expect(timeTo("2026-12-06", "2026-12-06")).toBe("due now");
    expect(timeTo("2027-01-06", "2026-12-06")).toBe("in 1 month");
    expect(timeTo("2027-05-06", "2026-12-06")).toBe("in 5 months");
    expect(timeTo("2026-08-06", "2026-12-06")).toBe("4 months ago");
  });

  it("names the filters chosen, the status as people say it", () => {
    expect(
      describeFilters(
        { organisationId: "council-1", funderId: "funder-9", financialYear: "2024-25", status: "bid_submitted" },
        { "council-1": "Stockport Council" },
      ),
    ).toEqual(["council Stockport Council", "funder chosen", "financial year 2024-25", "status Bid submitted"]);
    expect(describeFilters({}, {})).toEqual([]);
  });
});
