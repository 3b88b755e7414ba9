import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromIsoDate, toIsoDate } from "./dates.ts";

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
