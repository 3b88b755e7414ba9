import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  asAtMoment,
  formatDate,
  formatDateTime,
  formatPlannedDate,
  fromIsoDate,
  isoDateFromParts,
  isoDateParts,
  mondayOfWeek,
  todayInTheUk,
  toIsoDate,
  ukDayOf,
} from "./dates.ts";

describe("ISO dates", () => {
  it("round-trips every day and passes null and undefined through", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }),
        (date) => {
          const iso = toIsoDate(date);
          expect(toIsoDate(fromIsoDate(iso))).toBe(iso);
        },
      ),
    );
    expect(fromIsoDate(null)).toBeNull();
    expect(fromIsoDate(undefined)).toBeUndefined();
  });
});

describe("showing and typing dates", () => {
  const days = fc
    .date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
    .map((date) => toIsoDate(date));

  it("shows every day as `22 Nov 2026`", () => {
    expect(formatDate("2026-11-22")).toBe("22 Nov 2026");
    expect(formatDate("2002-02-01")).toBe("1 Feb 2002");
    fc.assert(
      fc.property(days, (iso) => {
        expect(formatDate(iso)).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/);
      }),
    );
  });

  it("shows a moment in UK time, summer or winter", () => {
    expect(formatDateTime("2026-11-22T14:05:00Z")).toBe("22 Nov 2026, 14:05");
    expect(formatDateTime("2026-07-01T23:30:00Z")).toBe("2 Jul 2026, 00:30");
  });

  it("shows a planned date as it was written", () => {
    expect(formatPlannedDate("2022-04-30", "season", "Spring 2022")).toBe("Spring 2022");
    expect(formatPlannedDate("2022-03-31", "month", null)).toBe("Mar 2022");
    expect(formatPlannedDate("2022-12-31", "year", null)).toBe("2022");
    expect(formatPlannedDate("2022-03-07", "day", null)).toBe("7 Mar 2022");
  });

  it("reads three boxes back into the same day, and refuses what is not a day", () => {
    fc.assert(
      fc.property(days, (iso) => {
        const { day, month, year } = isoDateParts(iso);
        expect(isoDateFromParts(day, month, year)).toBe(iso);
      }),
    );
    expect(isoDateFromParts("31", "2", "2026")).toBeNull();
    expect(isoDateFromParts("29", "2", "2024")).toBe("2024-02-29");
    expect(isoDateFromParts("1", "13", "2026")).toBeNull();
    expect(isoDateFromParts("1", "1", "26")).toBeNull();
    expect(isoDateFromParts("", "", "")).toBeNull();
    expect(isoDateFromParts(" 7 ", "03", "2026")).toBe("2026-03-07");
  });

  it("takes today from the UK clock: after 11pm GMT in winter is the same day, after 11pm UTC in summer the next", () => {
    expect(todayInTheUk(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-15");
    expect(todayInTheUk(new Date("2026-07-15T23:30:00Z"))).toBe("2026-07-16");
  });

  it("adds days across months, years and clock changes", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    fc.assert(
      fc.property(days, fc.integer({ min: -400, max: 400 }), (iso, n) => {
        expect(addDays(addDays(iso, n), -n)).toBe(iso);
      }),
    );
  });
});

describe("as at", () => {
  it("means the end of a UK day: midnight GMT in winter, midnight BST (23:00 UTC) in summer", () => {
    expect(asAtMoment("2026-01-31").toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(asAtMoment("2026-03-31").toISOString()).toBe("2026-03-31T23:00:00.000Z");
    // The clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(asAtMoment("2026-03-28").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(asAtMoment("2026-03-29").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(asAtMoment("2026-10-24").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(asAtMoment("2026-10-25").toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect(asAtMoment("2026-03-31T12:30:00+01:00").toISOString()).toBe("2026-03-31T11:30:00.000Z");
  });

  it("counts a day's own moments in it, for any day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-02"), max: new Date("2100-12-30"), noInvalidDate: true }), (day) => {
        const iso = day.toISOString().slice(0, 10);
        const end = asAtMoment(iso);
        expect(ukDayOf(end)).toBe(iso);
        expect(todayInTheUk(end)).toBe(addDays(iso, 1));
      }),
    );
  });
});

describe("mondayOfWeek", () => {
  it("is the day itself on a Monday and the Monday before on any other day", () => {
    expect(mondayOfWeek("2026-12-07")).toBe("2026-12-07");
    expect(mondayOfWeek("2026-12-13")).toBe("2026-12-07");
    expect(mondayOfWeek("2026-12-10")).toBe("2026-12-07");
    expect(mondayOfWeek("2027-01-01")).toBe("2026-12-28");
  });
  it("is always a Monday at most six days before", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
        const day = addDays("2000-01-01", offset);
        const monday = mondayOfWeek(day);
        const gap = (Date.parse(day) - Date.parse(monday)) / 86_400_000;
        return new Date(`${monday}T00:00:00Z`).getUTCDay() === 1 && gap >= 0 && gap <= 6;
      }),
    );
  });
});
