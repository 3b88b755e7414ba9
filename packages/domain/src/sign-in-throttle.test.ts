import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FREE_FAILURES, LONGEST_WAIT_SECONDS, secondsToWait, waitAfterFailures } from "./sign-in-throttle.ts";

describe("sign-in throttle", () => {
  it("lets the first few failures retry at once, then doubles the wait up to 15 minutes", () => {
    expect([0, 4, 5, 6, 7, 10, 15, 1_000].map((failures) => waitAfterFailures(failures))).toEqual([
      0, 0, 1, 2, 4, 32, 900, 900,
    ]);
  });

  it("never shrinks as failures grow, and never passes the longest wait", () => {
    fc.assert(
      fc.property(fc.nat(10_000), (failures) => {
        expect(waitAfterFailures(failures + 1)).toBeGreaterThanOrEqual(waitAfterFailures(failures));
        expect(waitAfterFailures(failures)).toBeLessThanOrEqual(LONGEST_WAIT_SECONDS);
      }),
    );
  });

  it("counts the wait from the latest failure", () => {
    const latest = new Date("2026-11-30T10:00:00Z");
    expect(secondsToWait(FREE_FAILURES + 3, latest, new Date("2026-11-30T10:00:05Z"))).toBe(3);
    expect(secondsToWait(FREE_FAILURES + 3, latest, new Date("2026-11-30T10:00:08Z"))).toBe(0);
    expect(secondsToWait(2, latest, latest)).toBe(0);
    expect(secondsToWait(50, null, latest)).toBe(0);
  });
});
