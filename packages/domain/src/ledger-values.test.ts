import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_PENCE } from "./bounds.ts";
import { readDate, readLedgerAmount, readLedgerDate, readMoney, readYesNo } from "./ledger-values.ts";
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

const ledgerPence = (raw: string | number) => {
  const reading = readLedgerAmount(raw);
  return reading.ok ? reading.value.pence : reading.reason;
};

describe("readLedgerAmount", () => {
  it.each([
    ["1234.5", 123_450, "1234.56"],
    ["1,234.56", 123_456, "1,234.56"],
    [" 1,234.56 ", 123_456, "1,234.56"],
    ["\u00a01,234.56\u00a0", 123_456, "1,234.56"],
    ["£1,234.56", 123_456, "£1,234.56"],
    ["-857", -85_700, "-1234.56"],
    ["(1,234.56)", -123_456, "(1,234.56)"],
    ["1,234.56 CR", -123_456, "1,234.56 CR"],
    ["1,234.56cr", -123_456, "1,234.56 CR"],
    ["1,234.56 DR", 123_456, "1,234.56 DR"],
    ["1,234.56-", -123_456, "1,234.56-"],
    ["£ 1 234.56", 123_456, "£1234.56"],
    ["1.2E+03", 120_000, "1234.56"],
    ["5e-1", 50, "1234.56"],
    ["0.01", 1, "1234.56"],
    [1914.5, 191_450, "a number cell"],
  ])("reads %j as %d pence, written %s", (raw, pence, notation) => {
    expect(readLedgerAmount(raw)).toEqual({ ok: true, value: { pence, rounded: false, notation } });
  });

  it.each([
    ["977.5999999999999", 97_760],
    [977.5999999999999, 97_760],
    ["-977.5999999999999", -97_760],
    ["0.30000000000000004", 30],
    ["1.005", 101],
    ["-1.005", -101],
    ["(2.345)", -235],
    ["2.3449", 234],
    ["0.004", 0],
  ])("rounds the float noise in %j to %d pence, half away from zero, and says so", (raw, pence) => {
    const reading = readLedgerAmount(raw);
    expect(reading.ok && reading.value).toMatchObject({ pence, rounded: true });
  });

  it.each([
    ["", "is blank"],
    ["NA", 'is missing ("NA")'],
    ["n/a", 'is missing ("n/a")'],
    ["twelve", '"twelve" is not an amount of money'],
    ["25/06/2012900", '"25/06/2012900" is not an amount of money'],
    ["1,23.00", '"1,23.00" is not an amount of money'],
    ["(5", '"(5" is not an amount of money'],
    ["-5 CR", '"-5 CR" is not an amount of money'],
    ["(5)-", '"(5)-" is not an amount of money'],
    ["--5", '"--5" is not an amount of money'],
    ["1,000,000,000.01", '"1,000,000,000.01" must be at most £1,000,000,000.00 either way'],
    ["1e12", '"1e12" must be at most £1,000,000,000.00 either way'],
  ])("refuses %j: %s", (raw, reason) => {
    expect(readLedgerAmount(raw)).toEqual({ ok: false, reason });
  });

  const written = (value: number, style: number) => {
    const [whole = "", fraction = ""] = penceAsDecimal(Math.abs(value)).split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const figure = `${style % 2 ? "£" : ""}${style % 3 ? grouped : whole}.${fraction}`;
    if (value >= 0) return ` ${figure} `;
    return [`-${figure}`, `(${figure})`, `${figure} CR`, `${figure}-`][style % 4] ?? figure;
  };

  it("reads back every amount written in any of the ledgers' ways, exactly, and rounds nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE }), fc.nat(11), (value, style) => {
        expect(readLedgerAmount(written(value, style))).toMatchObject({
          ok: true,
          value: { pence: value, rounded: false },
        });
      }),
    );
  });

  it("rounds any amount with noise past the penny to the nearest penny, half away from zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_AMOUNT_PENCE + 1, max: MAX_AMOUNT_PENCE - 1 }),
        fc.integer({ min: 1, max: 999_999 }),
        (value, noise) => {
          // value pence and noise millionths of a penny more (away from zero).
          const digits = `${penceAsDecimal(Math.abs(value))}${String(noise).padStart(6, "0")}`;
          const expected = Math.abs(value) + (noise >= 500_000 ? 1 : 0);
          const reading = readLedgerAmount(value < 0 ? `-${digits}` : digits);
          expect(reading).toMatchObject({ ok: true, value: { rounded: true } });
          expect(reading.ok && Math.abs(reading.value.pence)).toBe(expected);
        },
      ),
    );
  });

  it("reads every float a spreadsheet might hold for an amount as its nearest penny", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (value) => {
        // value / 100 as a double is the nearest float to the amount, e.g. 977.6 → 977.6000000000000227…
        expect(ledgerPence(value / 100)).toBe(value);
        expect(ledgerPence(String(((value / 100) * 3) / 3))).toBe(value);
      }),
    );
  });
});

describe("readLedgerDate", () => {
  it.each([
    ["27/09/2013", "2013-09-27", "dd/mm/yyyy"],
    ["27.09.2013", "2013-09-27", "dd.mm.yyyy"],
    ["2013-09-27", "2013-09-27", "yyyy-mm-dd"],
    ["2013-09-27 00:00:00", "2013-09-27", "yyyy-mm-dd hh:mm:ss"],
    ["3-Mar-25", "2025-03-03", "d-MMM-yy"],
    ["03-MAR-2025", "2025-03-03", "d-MMM-yyyy"],
    ["3 March 2025", "2025-03-03", "d MMM yyyy"],
    ["30 Sept 2024", "2024-09-30", "d MMM yyyy"],
    ["1-Apr-99", "1999-04-01", "d-MMM-yy"],
    ["1-Apr-89", "2089-04-01", "d-MMM-yy"],
  ])("reads %s as %s, written %s", (raw, isoDate, notation) => {
    expect(readLedgerDate(raw)).toEqual({ ok: true, value: { isoDate, notation } });
  });

  it.each(["25/06/2012900", "30-Feb-25", "3-Marc-25", "3-Mar", "27-09-13", "3/Foo/2025"])("refuses %j", (raw) => {
    expect(readLedgerDate(raw).ok).toBe(false);
  });

  it("reads every real day back from each way a ledger writes it", () => {
    const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2089-12-31"), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [year = "", month = "", day = ""] = iso.split("-");
          const named = MONTHS[Number(month) - 1];
          for (const text of [
            `${day}/${month}/${year}`,
            `${iso} 00:00:00`,
            `${Number(day)}-${named}-${year.slice(2)}`,
            `${day} ${named} ${year}`,
          ]) {
            expect(readLedgerDate(text), text).toMatchObject({ ok: true, value: { isoDate: iso } });
          }
        },
      ),
    );
  });
});
