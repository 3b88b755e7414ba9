import { cleanHeader } from "@fundline/domain";
import { SPEND_IMPORT_FIELDS, type SpendColumnMapping, type SpendImportField } from "@fundline/schemas";

export type Columns = Record<SpendImportField, number | undefined>;

/** A header as compared: padding, doubled spaces and case change from year to year. */
const comparable = (header: string) => cleanHeader(header).toLowerCase();

/** Each mapped field whose column the file lacks, and why. */
export function mappingProblems(mapping: SpendColumnMapping, headers: string[]) {
  const lower = new Set(headers.map(comparable));
  return (Object.keys(SPEND_IMPORT_FIELDS) as SpendImportField[]).flatMap((field) => {
    const column = mapping[field];
    if (column === undefined || lower.has(comparable(column))) return [];
    return [{ path: `mapping.${field}`, message: `the file has no column called "${column}"` }];
  });
}

/** Where each mapped field is in the file (every mapped column is there: see `mappingProblems`). */
export function columnIndexes(mapping: SpendColumnMapping, headers: string[]): Columns {
  const lower = headers.map(comparable);
  const columns = {} as Columns;
  for (const field of Object.keys(SPEND_IMPORT_FIELDS) as SpendImportField[]) {
    const column = mapping[field];
    if (column !== undefined) columns[field] = lower.indexOf(comparable(column));
  }
  return columns;
}

const HEADER_HINTS: [SpendImportField, RegExp][] = [
  ["transactionId", /trans(action)?[\s_-]*(no|num|number|id|ref)|^id$/i],
  ["irrecoverableVat", /vat/i],
  ["paidToIndividual", /individual|personal|redact/i],
  ["spentOn", /date/i],
  ["amount", /amount|value|net|total|£/i],
  ["costLineCode", /cost[\s_-]*(centre|center|code)|ledger|project|account|code/i],
  ["supplierName", /supplier|beneficiary|payee|vendor|creditor/i],
  ["reference", /invoice|reference|ref/i],
  ["department", /department|directorate|service/i],
  ["purpose", /purpose|description|narrative|expense/i],
  ["merchantCategory", /merchant|category|proclass/i],
];

/** Whether a header names a column a ledger has (to find the header row below a preamble). */
export function namesAColumn(header: string): boolean {
  return HEADER_HINTS.some(([, hint]) => hint.test(header));
}

/** Columns whose headers look like each field (each column used once), to start a mapping. */
export function suggestMapping(headers: string[]): Record<string, string> {
  const suggestion: Record<string, string> = {};
  const used = new Set<string>();
  for (const [field, hint] of HEADER_HINTS) {
    const header = headers.find((candidate) => !used.has(candidate) && hint.test(candidate));
    if (header) {
      suggestion[field] = header;
      used.add(header);
    }
  }
  return suggestion;
}
