// The layouts councils' ledger files usually come in, so that a file in one of them is read
// with no mapping by hand. Where each list of headers comes from is in docs/ledger-layouts.md.
import { cleanHeader } from "@fundline/domain";
import type { SpendColumnMapping, SpendImportField } from "@fundline/schemas";

/** A layout: for each field, the headers that hold it, the likeliest first. */
export type LedgerPreset = { name: string; columns: Partial<Record<SpendImportField, string[]>> };

export const LEDGER_PRESETS: LedgerPreset[] = [
  {
    // The 2015 Code's fields, under the names the LGA's spend schema and councils' files give them.
    name: "Local Government Transparency Code 2015 (spend over £500)",
    columns: {
      spentOn: ["Date", "Transaction Date", "Payment Date", "Date Paid"],
      amount: ["Net Amount", "Amount", "Amount Excluding VAT", "Amount Exc VAT", "SumOfAmount_Exc_VAT"],
      costLineCode: [
        "Cost Centre",
        "Cost Centre Code",
        "Responsible Unit",
        "Service Area Categorisation",
        "Service Area",
      ],
      supplierName: ["Supplier Name", "Supplier (Beneficiary)", "Beneficiary", "Supplier"],
      transactionId: ["Transaction Number", "Transaction No", "Transaction Ref"],
      department: ["Service Division Categorisation", "Department", "Directorate", "Department or Service"],
      purpose: ["Purpose of Expenditure", "Summary of the Purpose of the Expenditure", "Narrative", "Purpose"],
      merchantCategory: ["Merchant Category", "Procurement Category"],
      irrecoverableVat: ["Irrecoverable VAT", "VAT that cannot be recovered"],
    },
  },
  {
    // The spend schema of DCLG's 2011 guidance, which many councils' files still follow.
    name: "DCLG spending data schema (2011)",
    columns: {
      spentOn: ["Date"],
      amount: ["Amount"],
      costLineCode: ["Expense Area"],
      supplierName: ["Supplier Name", "Supplier"],
      transactionId: ["Transaction Number"],
      purpose: ["Extended Description", "Expense Type"],
      irrecoverableVat: ["Irrecoverable VAT"],
    },
  },
  {
    // Unit4 ERP (Agresso) browser exports: a code column and its text (T) side by side.
    name: "Unit4 ERP (Agresso) transaction export",
    columns: {
      spentOn: ["Trans.date", "Trans date", "Voucher date", "Transaction date"],
      amount: ["Amount", "Cur.amount", "Net amount"],
      costLineCode: ["Cost centre", "Cost center", "Dim 1", "Project"],
      supplierName: ["Supplier(T)", "Supplier name", "Apar name", "Apar(T)"],
      transactionId: ["Voucher no", "Voucher number"],
      reference: ["Invoice no", "Ext.inv.ref", "Invoice number"],
      purpose: ["Text", "Description"],
    },
  },
  {
    // Oracle Fusion Payables reports; a payment can pay several invoices, so no column is its identity.
    name: "Oracle Fusion Payables payments",
    columns: {
      spentOn: ["Payment Date", "Accounting Date"],
      amount: ["Payment Amount", "Distribution Amount", "Paid Amount"],
      costLineCode: ["Cost Center", "Cost Centre"],
      supplierName: ["Supplier or Party", "Supplier Name", "Supplier"],
      reference: ["Invoice Number", "Invoice Num"],
      purpose: ["Invoice Description", "Description"],
    },
  },
  {
    // SAP line-item reports (FBL1N, FBL3N) saved from their lists; a document can have many lines.
    name: "SAP line items (FBL1N / FBL3N)",
    columns: {
      spentOn: ["Posting Date", "Pstng Date", "Document Date"],
      amount: ["Amount in Local Currency", "Amount in LC", "Amt in loc.cur."],
      costLineCode: ["Cost Center", "Cost Ctr", "WBS Element", "Funds Center"],
      supplierName: ["Vendor Name", "Supplier Name", "Name 1", "Name of Supplier"],
      reference: ["Document Number", "DocumentNo", "Reference"],
      purpose: ["Text", "Item Text"],
    },
  },
  {
    name: "Civica Financials payments",
    columns: {
      spentOn: ["Payment Date", "Paid Date", "Transaction Date"],
      amount: ["Net Amount", "Net Value", "Payment Value"],
      costLineCode: ["Cost Centre", "Cost Code"],
      supplierName: ["Supplier Name", "Creditor Name"],
      transactionId: ["Transaction Reference", "Payment Reference"],
      reference: ["Invoice Number", "Invoice Reference"],
      purpose: ["Description", "Line Description"],
      department: ["Service", "Directorate"],
    },
  },
  {
    // TechnologyOne calls suppliers creditors and its cost centres accounts.
    name: "TechnologyOne Financials transactions",
    columns: {
      spentOn: ["Transaction Date", "Payment Date"],
      amount: ["Transaction Amount", "Amount"],
      costLineCode: ["Account Number", "Ledger Account", "Cost Centre"],
      supplierName: ["Creditor Name", "Creditor", "Supplier Name"],
      reference: ["Document Number", "Invoice Number"],
      purpose: ["Narration", "Description"],
    },
  },
];

/** A header as the presets compare it: case, padding and the punctuation between words aside. */
const comparable = (header: string) =>
  cleanHeader(header)
    .toLowerCase()
    .replace(/[\s_.]+/g, " ")
    .trim();

const REQUIRED: SpendImportField[] = ["spentOn", "amount", "costLineCode", "supplierName"];

/**
 * The layout that fits the file's headers best, with its mapping: one that finds a column for
 * every required field and the most fields in all (the earlier on a tie). Null when none fits.
 */
export function matchPreset(headers: string[]): { preset: LedgerPreset; mapping: SpendColumnMapping } | null {
  let best: { preset: LedgerPreset; mapping: SpendColumnMapping; fields: number } | null = null;
  for (const preset of LEDGER_PRESETS) {
    const used = new Set<string>();
    const mapping: Partial<Record<SpendImportField, string>> = {};
    for (const [field, names] of Object.entries(preset.columns) as [SpendImportField, string[]][]) {
      const wanted = names.map(comparable);
      // The likeliest name the file has, not the first column that has any of them.
      const header = wanted
        .map((name) => headers.find((candidate) => !used.has(candidate) && comparable(candidate) === name))
        .find((found) => found !== undefined);
      if (header === undefined) continue;
      mapping[field] = header;
      used.add(header);
    }
    if (!REQUIRED.every((field) => mapping[field] !== undefined)) continue;
    const fields = Object.keys(mapping).length;
    if (!best || fields > best.fields) best = { preset, mapping: mapping as SpendColumnMapping, fields };
  }
  return best && { preset: best.preset, mapping: best.mapping };
}
