import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPence, formatPenceShort, penceAsDecimal, penceFromBigInt, splitPence } from "./money.ts";

describe("splitPence", () => {
  it("splits £100,000.00 into thirds with the extra penny on the first share", () => {
    expect(splitPence(10_000_000, [1, 1, 1])).toEqual([3_333_334, 3_333_333, 3_333_333]);
  });

  it("splits 60/40 as 3:2", () => {
    expect(splitPence(10_500_000, [3, 2])).toEqual([6_300_000, 4_200_000]);
  });

  it("splits the £105,000 contract by its £80,000 and £25,000 allocations", () => {
    expect(splitPence(100_001, [8_000_000, 2_500_000])).toEqual([76_191, 23_810]);
  });

  it("splits a credit note symmetrically", () => {
    expect(splitPence(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it("rejects parts that are not positive whole numbers", () => {
    expect(() => splitPence(100, [1, 0])).toThrow(/positive whole numbers/);
    expect(() => splitPence(100, [1.5, 1])).toThrow(/positive whole numbers/);
    expect(() => splitPence(100, [])).toThrow(/at least one part/);
    expect(() => splitPence(1.5, [1])).toThrow(/whole number of pence/);
  });

  const total = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const parts = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 });

  it("always adds back to the whole", () => {
    fc.assert(
      fc.property(total, parts, (amount, shape) => {
        const shares = splitPence(amount, shape);
        expect(shares).toHaveLength(shape.length);
        expect(shares.reduce((sum, share) => sum + BigInt(share), 0n)).toBe(BigInt(amount));
      }),
    );
  });

  it("never strays more than a penny from the exact proportion", () => {
    fc.assert(
      fc.property(total, parts, (amount, shape) => {
        const partSum = BigInt(shape.reduce((sum, part) => sum + part, 0));
        splitPence(amount, shape).forEach((share, index) => {
          // |share × partSum − amount × part| < partSum  ⇔  |share − exact| < 1p
          const drift = BigInt(share) * partSum - BigInt(amount) * BigInt(shape[index] ?? 0);
          expect(drift < partSum && drift > -partSum).toBe(true);
        });
      }),
    );
  });

  it("gives equal parts shares that differ by at most a penny", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 20 }), (amount, count) => {
        const shares = splitPence(amount, Array(count).fill(1));
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("formatPence", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [123_456, "£1,234.56"],
    [10_500_000, "£105,000.00"],
    [-1_200, "-£12.00"],
    [35_000_000, "£350,000.00"],
  ])("formats %i pence as %s", (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it("refuses fractions of a penny", () => {
    expect(() => formatPence(1.5)).toThrow(TypeError);
  });

  it("groups thousands exactly as Intl's en-GB pounds do, for any sum", () => {
    const intl = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (pence) => {
        const pounds = intl.format(Math.trunc(Math.abs(pence) / 100)).replace(/\.00$/, "");
        const expected = `${pence < 0 ? "-" : ""}${pounds}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
        expect(formatPence(pence)).toBe(expected);
      }),
    );
  });

  it("shortens for chart axes", () => {
    expect(formatPenceShort(10_500_000)).toBe("£105k");
    expect(formatPenceShort(35_000_000)).toBe("£350k");
    expect(formatPenceShort(250_000_000)).toBe("£2.5m");
    // Money as people say it: £1.2bn, not £1200m; a negative figure with its sign before the £.
    expect(formatPenceShort(120_000_000_000)).toBe("£1.2bn");
    expect(formatPenceShort(-35_000_000)).toBe("-£350k");
    expect(formatPenceShort(0)).toBe("£0");
  });
});

describe("penceFromBigInt", () => {
  it("converts database BigInts and refuses ones a JSON number cannot carry", () => {
    expect(penceFromBigInt(8_000_000n)).toBe(8_000_000);
    expect(() => penceFromBigInt(2n ** 60n)).toThrow(RangeError);
  });
});

describe("penceAsDecimal", () => {
  it("writes pounds and pence without float rounding", () => {
    expect(penceAsDecimal(123_456)).toBe("1234.56");
    expect(penceAsDecimal(-1_200)).toBe("-12.00");
    expect(penceAsDecimal(5)).toBe("0.05");
    expect(penceAsDecimal(-5)).toBe("-0.05");
  });

  it("reads back to the same pence for every safe amount", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (pence) => {
        const text = penceAsDecimal(pence);
        const [pounds, rest] = text.replace("-", "").split(".");
        const back = (BigInt(pounds ?? "0") * 100n + BigInt(rest ?? "0")) * (text.startsWith("-") ? -1n : 1n);
        expect(back).toBe(BigInt(pence));
      }),
    );
  });
});
