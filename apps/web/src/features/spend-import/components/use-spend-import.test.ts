// How the import screen moves on: a check that finds the saved mapping stale keeps the columns
// that still fit and says how many to choose; an import clears the preview and says what went in.
import type { SpendImportResult } from "@fundline/schemas";
import { describe, expect, it } from "vitest";
import { nextImportState, START } from "./use-spend-import.ts";

const checked: SpendImportResult = {
  mode: "preview",
  sourceName: "Agresso",
  fileName: "ledger-2025.csv",
  fileSha256: "ab".repeat(32),
  headers: ["Date", "Amount", "Cost centre", "Supplier"],
  mapping: { spentOn: "Date", amount: "Amount", costLineCode: "Cost centre", supplierName: "Supplier" },
  suggestedMapping: {},
  mappingProblems: [],
  recognised: {
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
  },
  rows: 12_500,
  rowsTotalPence: 4_322_000_00,
  importable: 12_480,
  importablePence: 4_321_987_65,
  skipped: 20,
  duplicates: 3,
  alreadyImported: 0,
  setAside: 18,
  setAsidePence: 12_00,
  unmatched: 2,
  unmatchedPence: 35,
  unmatchedCodes: [{ code: "ZZ-1", rows: 2, totalPence: 35 }],
  unreadableAmounts: 0,
  problems: [],
  warnings: [],
  warningCount: 0,
  sample: [],
  batch: null,
  elapsedMs: 812,
};

describe("the import screen's steps", () => {
  it("asks for the file before sending anything", () => {
    expect(nextImportState(START, { type: "sent" })).toEqual({ ...START, message: "Choose the ledger file first." });
  });

  it("shows what a check found, in counts", () => {
    const state = nextImportState(START, { type: "answered", result: checked });
    expect(state.preview).toBe(checked);
    expect(state.message).toBe("Checked 12,500 rows: 12,480 can be imported, 20 would be skipped.");
  });

  it("keeps the columns that still fit when the saved mapping is stale, and names how many to choose", () => {
    const stale = {
      ...checked,
      mapping: null,
      suggestedMapping: { spentOn: "Date", amount: "Amount", supplierName: "Supplier" },
      mappingProblems: [{ path: "mapping.costLineCode", message: "there is no column Cost centre" }],
    };
    const state = nextImportState(START, { type: "answered", result: stale });
    expect(state.mapping).toEqual({ spentOn: "Date", amount: "Amount", supplierName: "Supplier" });
    expect(state.message).toBe(
      "The column mapping does not fit this file: 1 column it names is missing. Choose it below (marked), then check the file again.",
    );
  });

  it("clears the preview after an import and says what went in", () => {
    const previewed = nextImportState(START, { type: "answered", result: checked });
    const batch = {
      id: "00000000-0000-4000-8000-000000000001",
      sourceName: "Agresso",
      fileName: "ledger-2025.csv",
      fileSha256: checked.fileSha256,
      rowCount: 12_480,
      totalPence: 4_321_987_65,
      setAsideRows: 20,
      status: "committed" as const,
      createdAt: "2026-12-06T10:00:00.000Z",
      createdBy: "Sam Finance",
      reversedAt: null,
    };
    const state = nextImportState(previewed, { type: "answered", result: { ...checked, mode: "commit", batch } });
    expect(state.preview).toBeNull();
    expect(state.message).toBe(
      "Imported 12,480 rows, £4,321,987.65, from ledger-2025.csv. 18 rows were set aside and 2 wait for their code to be matched to a cost line: both are listed below.",
    );
  });
});
