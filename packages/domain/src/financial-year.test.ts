import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { financialYearBounds, financialYearLabel, financialYearOf, parseFinancialYearLabel } from "./financial-year.ts";

describe("financial years", () => {
  it("puts 31 March 2020 in 2019/20 and 1 April 2020 in 2020/21", () => {
    expect(financialYearLabel(financialYearOf("2020-03-31"))).toBe("2019/20");
    expect(financialYearLabel(financialYearOf("2020-04-01"))).toBe("2020/21");
  });

  it("writes the century turn as 1999/00", () => {
    expect(financialYearLabel(1999)).toBe("1999/00");
    expect(parseFinancialYearLabel("1999/00")).toBe(1999);
  });

  it("rejects labels that are not a financial year", () => {
    expect(() => parseFinancialYearLabel("2019/21")).toThrow(/not a financial year/);
    expect(() => parseFinancialYearLabel("2019-20")).toThrow(/look like 2019\/20/);
    expect(() => financialYearOf("2019-02-30")).toThrow(/not a calendar date/);
  });

  const anyDay = fc
    .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  it("maps every date to exactly one financial year, whose bounds contain it", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const year = financialYearOf(day);
        const { firstDay, lastDay } = financialYearBounds(year);
        expect(firstDay <= day && day <= lastDay).toBe(true);
        // The neighbouring years do not contain it.
        expect(financialYearBounds(year - 1).lastDay < day).toBe(true);
        expect(financialYearBounds(year + 1).firstDay > day).toBe(true);
      }),
    );
  });

  it("round-trips every label", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), (year) => {
        expect(parseFinancialYearLabel(financialYearLabel(year))).toBe(year);
      }),
    );
  });

  it("agrees for Date objects and ISO strings", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(financialYearOf(new Date(`${day}T00:00:00Z`))).toBe(financialYearOf(day));
      }),
    );
  });
});
