import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_PENCE } from "./bounds.ts";
import { readDate, readMoney, readYesNo } from "./ledger-values.ts";
import { penceAsDecimal } from "./money.ts";

const pence = (raw: string | number) => {
  const reading = readMoney(raw);
  return reading.ok ? reading.value : reading.reason;
};

describe("readMoney", () => {
  it.each([
    ["1,234.56", 123_456],
    ["£1234.5", 123_450],
    ["-12", -1_200],
    ["(12.50)", -1_250],
    ["£-3.10", -310],
    ["-£3.10", -310],
    ["1914.0", 191_400],
    ["1914.500", 191_450],
    [" 0.07 ", 7],
    [".5", 50],
    ["GBP 10", 1_000],
    [1914, 191_400],
    [1914.5, 191_450],
    [0.1, 10],
  ])("reads %j as %d pence", (raw, expected) => {
    expect(pence(raw)).toBe(expected);
  });

  it.each([
    ["1.005", "has a fraction of a penny"],
    ["", "is not an amount of money"],
    ["twelve", "is not an amount of money"],
    ["1,23.00", "is not an amount of money"],
    ["--5", "is not an amount of money"],
    ["(5", "is not an amount of money"],
    ["1e3", "is not an amount of money"],
    [Number.NaN, "is not an amount of money"],
    ["99999999999999999", "must be at most £1,000,000,000.00 either way"],
    ["1,000,000,000.01", "must be at most £1,000,000,000.00 either way"],
    ["-1000000000.01", "must be at most £1,000,000,000.00 either way"],
  ])("refuses %j: %s", (raw, reason) => {
    expect(pence(raw)).toContain(reason);
  });

  it("reads back every amount it writes, exactly, with or without thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE }), (value) => {
        const decimal = penceAsDecimal(value);
        expect(pence(decimal)).toBe(value);
        const [whole = "", fraction] = decimal.replace("-", "").split(".");
        const grouped = `${value < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
        expect(pence(grouped)).toBe(value);
      }),
    );
  });
});

describe("readDate", () => {
  it.each([
    ["27/09/2013", "2013-09-27"],
    ["26/03/2001 00:00", "2001-03-26"],
    ["1/4/2020", "2020-04-01"],
    ["01.04.2020", "2020-04-01"],
    ["2013-09-27", "2013-09-27"],
    ["2013-09-27T00:00:00Z", "2013-09-27"],
    ["2013-09-27 10:30:00", "2013-09-27"],
  ])("reads %s as %s", (raw, iso) => {
    expect(readDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each(["31/02/2020", "2020-13-01", "13/13/2020", "27-09-13", "yesterday", ""])("refuses %j", (raw) => {
    expect(readDate(raw).ok).toBe(false);
  });

  it.each([
    ["31/12/1989", '"31/12/1989" must be between 1990-01-01 and 2100-12-31'],
    ["0001-01-01", '"0001-01-01" is not a real date'],
    ["2101-01-01", '"2101-01-01" must be between 1990-01-01 and 2100-12-31'],
    ["9999-12-31", '"9999-12-31" must be between 1990-01-01 and 2100-12-31'],
  ])("refuses %s, outside Fundline's dates", (raw, reason) => {
    expect(readDate(raw)).toEqual({ ok: false, reason });
  });

  it("refuses a spreadsheet date outside Fundline's dates", () => {
    expect(readDate(new Date(Date.UTC(275_000, 0, 1))).ok).toBe(false);
    expect(readDate(new Date(Date.UTC(1900, 0, 1))).ok).toBe(false);
    expect(readDate(new Date(Date.UTC(2100, 11, 31)))).toEqual({ ok: true, value: "2100-12-31" });
  });

  it("reads every real day back from the UK form", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [year, month, day] = iso.split("-");
          expect(readDate(`${day}/${month}/${year}`)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });

  it("refuses exactly the days the calendar does not have (29 February in leap years only)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const date = new Date(Date.UTC(year, month - 1, day));
          const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          expect(readDate(`${day}/${month}/${year}`).ok).toBe(real);
        },
      ),
      { numRuns: 5_000 },
    );
    expect(readDate("29/02/2000")).toEqual({ ok: true, value: "2000-02-29" });
    expect(readDate("29/02/2100").ok).toBe(false);
  });
});

describe("readYesNo", () => {
  it("reads the usual spellings and refuses others", () => {
    expect(["Yes", "y", "TRUE", "1"].map((raw) => readYesNo(raw))).toEqual(Array(4).fill({ ok: true, value: true }));
    expect(["No", "n", "false", "0", " "].map((raw) => readYesNo(raw))).toEqual(
      Array(5).fill({ ok: true, value: false }),
    );
    expect(readYesNo("maybe")).toEqual({ ok: false, reason: '"maybe" is not yes or no' });
  });
});
