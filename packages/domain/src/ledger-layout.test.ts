import { describe, expect, it } from "vitest";
import { cleanHeader, findHeaderRow, isTotalsRow, uniqueHeaders } from "./ledger-layout.ts";

const namesAColumn = (header: string) => /date|amount|supplier|cost centre|transaction/i.test(header);

describe("the header row", () => {
  it("is found below a report's title lines", () => {
    const rows = [
      ["Oldham Council"],
      ["Payments over £500, March 2025", "", ""],
      ["Run on 03/04/2025 09:12", "", ""],
      [],
      ["Date", "Transaction No", "Cost Centre", "Supplier Name", "Amount"],
      ["27/03/2025", "T-1", "EY-DSDL", "Date Supplies Ltd", "12.50"],
    ];
    expect(findHeaderRow(rows, namesAColumn)).toBe(4);
  });

  it("is the first row when no row names two known columns (headings of the user's own, mapped by hand)", () => {
    expect(
      findHeaderRow(
        [
          ["When", "How much"],
          ["27/03/2025", "12.50"],
        ],
        namesAColumn,
      ),
    ).toBe(0);
  });

  it("is not a data row whose text happens to name columns", () => {
    const rows = [
      ["Date", "Supplier", "Amount"],
      ["27/03/2025", "Amount Date Supplier Ltd", "12.50"],
    ];
    expect(findHeaderRow(rows, namesAColumn)).toBe(0);
  });

  it("names padded, recased and repeated headers once each", () => {
    expect(uniqueHeaders(["\uFEFF Amount ", "Account  Code", "account code", "", "Account Code"])).toEqual([
      "Amount",
      "Account Code",
      "account code (2)",
      "Column 4",
      "Account Code (3)",
    ]);
    expect(cleanHeader("\u00a0Net\u00a0 Amount\t")).toBe("Net Amount");
  });
});

describe("a totals row", () => {
  it.each([
    [{ date: "", supplier: "", code: "", amount: "12,345.67" }, true],
    [{ date: "Total", supplier: "", code: "", amount: "12,345.67" }, true],
    [{ date: "", supplier: "Grand total:", code: "", amount: "1" }, true],
    [{ date: "", supplier: "", code: "", amount: "" }, false],
    [{ date: "27/03/2025", supplier: "", code: "", amount: "12.50" }, false],
    [{ date: "", supplier: "Total Care Ltd", code: "", amount: "12.50" }, false],
    [{ date: "", supplier: "", code: "EY-1", amount: "12.50" }, false],
  ])("%j is a totals row: %s", (cells, expected) => {
    expect(isTotalsRow(cells)).toBe(expected);
  });
});
