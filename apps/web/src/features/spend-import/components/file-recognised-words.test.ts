// The words that say what was read in a ledger file: each figure only when the file has it,
// a footer compared with the rows' total to the penny.
import type { LedgerFileRecognised } from "@fundline/schemas";
import { describe, expect, it } from "vitest";
import { columnUse, recognisedFigures } from "./file-recognised-words.ts";

const plain: LedgerFileRecognised = {
  encoding: "UTF-8",
  layout: null,
  headerLine: 1,
  preambleLines: 0,
  columns: [],
  dateNotations: [],
  amountNotations: [],
  roundedAmounts: 0,
  repairedCells: 0,
  blankRows: 0,
  footer: null,
};

describe("what was read in a ledger file", () => {
  it("says no more than the encoding and header of a plain file", () => {
    expect(recognisedFigures(plain, 0)).toEqual([
      ["Text encoding", "UTF-8"],
      ["Columns read as", "the columns chosen below (check each, then check the file again)"],
      ["Header row", "line 1"],
    ]);
    expect(
      Object.fromEntries(recognisedFigures({ ...plain, layout: "DCLG spending data schema (2011)" }, 0))[
        "Columns read as"
      ],
    ).toBe("the DCLG spending data schema (2011) layout");
  });

  it("names the preamble, the notations with their counts, the rounding, repairs and blank rows", () => {
    const figures = recognisedFigures(
      {
        ...plain,
        encoding: "Windows-1252",
        headerLine: 5,
        preambleLines: 3,
        dateNotations: [
          { notation: "dd/mm/yyyy", rows: 1_204 },
          { notation: "d-MMM-yy", rows: 1 },
        ],
        amountNotations: [{ notation: "1,234.56", rows: 1_205 }],
        roundedAmounts: 2,
        repairedCells: 1,
        blankRows: 1,
      },
      0,
    );
    expect(Object.fromEntries(figures)).toEqual({
      "Text encoding": "Windows-1252",
      "Columns read as": "the columns chosen below (check each, then check the file again)",
      "Header row": "line 5, below 3 rows of report title",
      "Dates written as": "dd/mm/yyyy (1,204 rows), d-MMM-yy (1 row)",
      "Amounts written as": "1,234.56 (1,205 rows)",
      "Amounts rounded to the penny":
        "2 (digits past the penny, such as 977.5999999999999, rounded half away from zero)",
      "Text repaired": "1 cell mangled by an earlier conversion (such as Â£ for £)",
      "Blank rows left out": "1",
    });
  });

  it("compares the footer's total with the rows' total, and says by how much it differs", () => {
    const footer = (totalPence: number | null, matches: boolean) =>
      Object.fromEntries(recognisedFigures({ ...plain, footer: { line: 40, totalPence, matches } }, 123_456))[
        "Total at the foot of the file"
      ];
    expect(footer(123_456, true)).toBe("£1,234.56 on line 40: equals the rows' total");
    expect(footer(130_000, false)).toBe("£1,300.00 on line 40: the rows come to £1,234.56, £65.44 less");
    expect(footer(100_000, false)).toBe("£1,000.00 on line 40: the rows come to £1,234.56, £234.56 more");
    expect(footer(null, false)).toBe("line 40: its amount cannot be read");
  });

  it("names the field a column is read as, or that it is not read", () => {
    expect(columnUse("spentOn")).toBe("Date paid");
    expect(columnUse(null)).toBe("Not read");
  });
});
