// Files in the layouts councils' systems export are read with no mapping by hand: each preset
// is found from its headers alone, and a file of the user's own headings fits none.
import { describe, expect, it } from "vitest";
import { matchPreset } from "./ledger-presets.ts";

const layoutOf = (headers: string[]) => matchPreset(headers)?.preset.name ?? null;

describe("ledger layouts", () => {
  it("reads a Transparency Code 2015 file, whatever the case and punctuation of its headers", () => {
    const headers = [
      "Body Name",
      "Service_Area_Categorisation",
      "Service_Division_Categorisation",
      "Responsible_Unit",
      "Date",
      "Transaction_Number",
      "Net Amount",
      "Irrecoverable VAT",
      "Supplier_Name",
      "Purpose of Expenditure",
      "Procurement Category",
    ];
    expect(matchPreset(headers)).toEqual({
      preset: expect.objectContaining({ name: "Local Government Transparency Code 2015 (spend over £500)" }),
      mapping: {
        spentOn: "Date",
        amount: "Net Amount",
        costLineCode: "Responsible_Unit",
        supplierName: "Supplier_Name",
        transactionId: "Transaction_Number",
        department: "Service_Division_Categorisation",
        purpose: "Purpose of Expenditure",
        merchantCategory: "Procurement Category",
        irrecoverableVat: "Irrecoverable VAT",
      },
    });
  });

  it("reads the older DCLG schema: its cost centre is the Expense Area", () => {
    const headers = [
      "Body",
      "Body Name",
      "Date",
      "Transaction Number",
      "Amount",
      "Supplier Name",
      "Supplier ID",
      "Expense Area",
      "Expense Type",
      "Expense Code",
      "Extended Description",
    ];
    expect(matchPreset(headers)?.mapping).toEqual({
      spentOn: "Date",
      amount: "Amount",
      costLineCode: "Expense Area",
      supplierName: "Supplier Name",
      transactionId: "Transaction Number",
      purpose: "Extended Description",
    });
    expect(layoutOf(headers)).toBe("DCLG spending data schema (2011)");
  });

  it("tells each ERP's export by its own names", () => {
    expect(
      layoutOf([
        "Account",
        "Account(T)",
        "Cost centre",
        "Trans.date",
        "Voucher no",
        "Supplier",
        "Supplier(T)",
        "Amount",
        "Text",
      ]),
    ).toBe("Unit4 ERP (Agresso) transaction export");
    expect(
      matchPreset([
        "Account",
        "Account(T)",
        "Cost centre",
        "Trans.date",
        "Voucher no",
        "Supplier",
        "Supplier(T)",
        "Amount",
      ])?.mapping.supplierName,
    ).toBe("Supplier(T)");
    expect(
      layoutOf(["Invoice Number", "Supplier or Party", "Payment Date", "Payment Amount", "Cost Center", "Description"]),
    ).toBe("Oracle Fusion Payables payments");
    expect(
      layoutOf(["Document Number", "Posting Date", "Cost Center", "Vendor Name", "Amount in Local Currency", "Text"]),
    ).toBe("SAP line items (FBL1N / FBL3N)");
    expect(
      layoutOf(["Payment Date", "Transaction Reference", "Cost Centre", "Supplier Name", "Net Amount", "Service"]),
    ).toBe("Civica Financials payments");
    expect(
      layoutOf([
        "Transaction Date",
        "Document Number",
        "Account Number",
        "Creditor Name",
        "Transaction Amount",
        "Narration",
      ]),
    ).toBe("TechnologyOne Financials transactions");
  });

  it("fits no layout to a file of the user's own headings, or one missing a required field", () => {
    expect(matchPreset(["When", "How much", "Budget", "Paid to"])).toBeNull();
    expect(matchPreset(["Date", "Amount", "Supplier Name"])).toBeNull();
  });
});
