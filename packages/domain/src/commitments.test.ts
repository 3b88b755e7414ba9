import { describe, expect, it } from "vitest";
import { fieldChanges } from "./audit.ts";
import { overAllocationProblem, profileProblem } from "./commitments.ts";

describe("commitment rules", () => {
  it("accepts a profile that adds up and names the figures when it does not", () => {
    expect(profileProblem(8_000_000, [{ amountPence: 8_000_000 }])).toBeNull();
    expect(profileProblem(8_000_000, [])).toBeNull();
    expect(profileProblem(8_000_000, [{ amountPence: 5_000_000 }, { amountPence: 2_000_000 }])).toEqual({
      path: "profile",
      message: "must add up to the amount: its years add up to £70,000.00 but the commitment is £80,000.00",
    });
  });

  it("refuses allocations beyond the commitment, with the figures", () => {
    expect(overAllocationProblem(2_500_000, 2_500_000)).toBeNull();
    expect(overAllocationProblem(2_500_000, 2_600_000)?.message).toBe(
      "allocations would total £26,000.00 against a commitment of £25,000.00",
    );
  });

  it("lists only the fields that changed", () => {
    expect(fieldChanges({ amountPence: 1, title: "a" }, { amountPence: 2, title: "a" })).toEqual({
      amountPence: { before: 1, after: 2 },
    });
    expect(fieldChanges(null, { title: "a" })).toEqual({ title: { before: null, after: "a" } });
  });
});
