import { z } from "zod";
import { IsoDate, Pence, Text, Uuid } from "./common.ts";
import { PagingWithoutRetired, pageOf } from "./paging.ts";

/** Fundline's spend fields a ledger column can fill, in the order a person maps them. */
export const SPEND_IMPORT_FIELDS = {
  spentOn: { label: "Date paid", required: true },
  amount: { label: "Amount (£)", required: true },
  costLineCode: { label: "Cost centre / ledger code", required: true },
  supplierName: { label: "Beneficiary (supplier)", required: true },
  transactionId: { label: "Transaction number (makes each row's identity)", required: false },
  reference: { label: "Invoice or reference", required: false },
  department: { label: "Department", required: false },
  purpose: { label: "Summary of purpose", required: false },
  merchantCategory: { label: "Merchant category", required: false },
  irrecoverableVat: { label: "VAT that cannot be recovered (£)", required: false },
  paidToIndividual: { label: "Paid to an individual (yes/no)", required: false },
} as const;
export type SpendImportField = keyof typeof SPEND_IMPORT_FIELDS;

const ColumnName = Text(200);

/** Which column of the file fills each field: the four required ones and any others. */
export const SpendColumnMapping = z
  .strictObject({
    spentOn: ColumnName,
    amount: ColumnName,
    costLineCode: ColumnName,
    supplierName: ColumnName,
    transactionId: ColumnName.optional(),
    reference: ColumnName.optional(),
    department: ColumnName.optional(),
    purpose: ColumnName.optional(),
    merchantCategory: ColumnName.optional(),
    irrecoverableVat: ColumnName.optional(),
    paidToIndividual: ColumnName.optional(),
  })
  .refine((mapping) => new Set(Object.values(mapping)).size === Object.values(mapping).length, {
    message: "each column can fill only one field",
  });
export type SpendColumnMapping = z.infer<typeof SpendColumnMapping>;

/** The form fields sent with the file (multipart); the mapping travels as JSON text. */
export const SpendImportOptions = z.strictObject({
  mode: z.enum(["preview", "commit"]),
  sourceName: Text(100),
  /** Omitted: the mapping saved for this source, if there is one. */
  mapping: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(SpendColumnMapping)
    .optional(),
  /** With commit: the SHA-256 the preview reported, so a different file is refused. */
  expectedSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex")
    .optional(),
});
export type SpendImportOptions = z.infer<typeof SpendImportOptions>;

export const ImportProblem = z.object({
  /** The row's line in the file (the header is line 1). */
  line: z.number().int(),
  /** unmatched: no cost line has its code; it waits for the code to be matched to one. */
  kind: z.enum(["field", "costLine", "closedPeriod", "duplicate", "unmatched"]),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/**
 * A row that will be imported but raises a reconciliation finding once it is: dated outside its
 * programme's dates, or more than its line has left (its allocation less what is spent on it).
 */
export const ImportWarning = z.object({
  line: z.number().int(),
  kind: z.enum(["outsideProgrammeDates", "moreThanLineHasLeft"]),
  reason: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

export const ImportBatchSummary = z.object({
  id: Uuid,
  sourceName: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  rowCount: z.number().int(),
  totalPence: Pence,
  /** Rows of the file it did not write, each kept with its line and why (`/set-aside`). */
  setAsideRows: z.number().int(),
  status: z.enum(["committed", "reversed"]),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  reversedAt: z.string().nullable(),
});
export type ImportBatchSummary = z.infer<typeof ImportBatchSummary>;

const Count = z.number().int().nonnegative();
const Notations = z.array(z.object({ notation: z.string(), rows: Count }));

/**
 * What Fundline understood of the file before reading a payment from it, for a finance officer to
 * confirm or correct: how its text is encoded, where its header is, what each column holds, how
 * its dates and amounts are written, and any total at its foot.
 */
export const LedgerFileRecognised = z.object({
  encoding: z.enum(["UTF-8", "UTF-8 with BOM", "Windows-1252", "XLSX"]),
  /** The known layout (a Transparency Code file, an ERP's export) whose columns were read, if one was. */
  layout: z.string().nullable(),
  /** The header's line in the file; the lines above it are a report's title (a preamble). */
  headerLine: z.number().int().nonnegative(),
  preambleLines: Count,
  /** Each column by its header, the field it fills (null: none), and its first values. */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable(), samples: z.array(z.string()) })),
  dateNotations: Notations,
  amountNotations: Notations,
  /** Amounts with float noise (`977.5999999999999`), rounded to the nearest penny, half away from zero. */
  roundedAmounts: Count,
  /** Cells whose text an earlier conversion had mangled (`Â£`, C1 controls), read as meant. */
  repairedCells: Count,
  /** Rows holding only commas or blanks: not payments, not problems. */
  blankRows: Count,
  /** A last row blank but for its amount: the file's own total, not a payment. */
  footer: z
    .object({
      line: z.number().int(),
      totalPence: Pence.nullable(),
      /** Whether it equals the sum of the rows' amounts, to the penny. */
      matches: z.boolean(),
    })
    .nullable(),
});
export type LedgerFileRecognised = z.infer<typeof LedgerFileRecognised>;

export const SpendImportResult = z.object({
  mode: z.enum(["preview", "commit"]),
  sourceName: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  headers: z.array(z.string()),
  /** The mapping used; null when none was sent or saved (see `suggestedMapping`). */
  mapping: SpendColumnMapping.nullable(),
  /** Columns whose headers look like each field, to start a new mapping from. */
  suggestedMapping: z.record(z.string(), z.string()),
  /**
   * When the mapping sent or saved names a column this file lacks (the ledger's export changed):
   * each such field and why. The preview then reads nothing; `suggestedMapping` keeps the fields
   * that still fit, so only the marked ones need choosing again.
   */
  mappingProblems: z.array(z.object({ path: z.string(), message: z.string() })),
  recognised: LedgerFileRecognised,
  rows: z.number().int(),
  /** Every amount read, in pence: what is imported, set aside and unmatched add up to it exactly. */
  rowsTotalPence: Pence,
  importable: z.number().int(),
  importablePence: Pence,
  skipped: z.number().int(),
  duplicates: z.number().int(),
  /** Of the duplicates, rows Fundline already holds (counted, not kept with the import). */
  alreadyImported: Count,
  /** Rows not imported for a reason other than an unknown code (unreadable, duplicate, not yours). */
  setAside: Count,
  setAsidePence: Pence,
  /** Rows whose cost-line code matches no cost line, and what they come to. */
  unmatched: Count,
  unmatchedPence: Pence,
  /** Each unknown code with its rows and total, largest first (the first 100). */
  unmatchedCodes: z.array(z.object({ code: z.string(), rows: Count, totalPence: Pence })),
  /** Rows whose amount could not be read: in none of the totals above. */
  unreadableAmounts: Count,
  /** Every row that would fail or is skipped, and why (the first 1,000; `skipped` counts all). */
  problems: z.array(ImportProblem),
  /** What needs a look in rows that will go in (the first 1,000), and how many rows need one. */
  warnings: z.array(ImportWarning),
  warningCount: z.number().int(),
  sample: z.array(
    z.object({
      line: z.number().int(),
      spentOn: z.string(),
      amountPence: Pence,
      supplierName: z.string(),
      costLine: z.string(),
      programme: z.string(),
    }),
  ),
  batch: ImportBatchSummary.nullable(),
  elapsedMs: z.number(),
});
export type SpendImportResult = z.infer<typeof SpendImportResult>;

/**
 * What the web app hears while a file is read and checked (newline-delimited JSON, a line an
 * event): progress, then the result or an error. Parsed like every other answer.
 */
export const SpendImportEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("progress"),
    phase: z.enum(["reading", "checking", "writing"]),
    rowsRead: z.number().int().nonnegative(),
    percent: z.number().min(0).max(100),
  }),
  z.object({ type: z.literal("result"), result: SpendImportResult }),
  z.object({ type: z.literal("error"), statusCode: z.number().int(), message: z.string() }),
]);
export type SpendImportEvent = z.infer<typeof SpendImportEvent>;

export const ImportBatchListQuery = z.strictObject({
  sourceName: Text(100).optional(),
  ...PagingWithoutRetired,
});
export const ImportBatchListResponse = pageOf("batches", ImportBatchSummary);
export type ImportBatchListResponse = z.infer<typeof ImportBatchListResponse>;

export const ReverseImportRequest = z.strictObject({ reason: Text(1_000) });

export const SET_ASIDE_KINDS = ["field", "costLine", "closedPeriod", "duplicate", "unmatched"] as const;

/** A row of an imported file that did not go in: its line, why, and what it said. */
export const SetAsideRow = z.object({
  line: z.number().int(),
  kind: z.enum(SET_ASIDE_KINDS),
  reason: z.string(),
  spentOn: IsoDate.nullable(),
  amountPence: Pence.nullable(),
  lineCode: z.string().nullable(),
  supplierName: z.string().nullable(),
  reference: z.string().nullable(),
  /** When an unmatched row went in, once its code was matched to a cost line. */
  importedAt: z.string().nullable(),
});
export type SetAsideRow = z.infer<typeof SetAsideRow>;
export const SetAsideListQuery = z.strictObject({
  kind: z.enum(SET_ASIDE_KINDS).optional(),
  ...PagingWithoutRetired,
});
export const SetAsideListResponse = pageOf("rows", SetAsideRow);
export type SetAsideListResponse = z.infer<typeof SetAsideListResponse>;

/** A code no cost line has, with the rows of the council's imports waiting on it. */
export const UnmatchedCode = z.object({
  sourceName: z.string(),
  code: z.string(),
  rows: z.number().int().nonnegative(),
  totalPence: Pence,
  firstOn: IsoDate.nullable(),
  lastOn: IsoDate.nullable(),
});
export type UnmatchedCode = z.infer<typeof UnmatchedCode>;
export const UnmatchedCodesResponse = z.object({ codes: z.array(UnmatchedCode) });
export type UnmatchedCodesResponse = z.infer<typeof UnmatchedCodesResponse>;

/** Matches a ledger's code to a cost line, for good, and imports the rows waiting on it. */
export const MatchLedgerCodeRequest = z.strictObject({
  sourceName: Text(100),
  code: Text(200),
  costLineId: Uuid,
});
export type MatchLedgerCodeRequest = z.infer<typeof MatchLedgerCodeRequest>;
export const MatchLedgerCodeResult = z.object({
  sourceName: z.string(),
  code: z.string(),
  costLine: z.string(),
  /** The rows that were waiting on the code, and where each went now. */
  rows: z.number().int(),
  imported: z.number().int(),
  importedPence: Pence,
  setAside: z.number().int(),
  setAsidePence: Pence,
  problems: z.array(ImportProblem),
  batch: ImportBatchSummary.nullable(),
});
export type MatchLedgerCodeResult = z.infer<typeof MatchLedgerCodeResult>;

export const SavedMappingsResponse = z.object({
  mappings: z.array(z.object({ sourceName: z.string(), mapping: SpendColumnMapping, updatedAt: z.string() })),
});

/** Which fund a funder's published 360Giving grants are recorded against. */
export const ThreeSixtyGivingImportQuery = z.strictObject({
  fundId: Uuid,
  /** "true": say what the import would do (the same checks, in a transaction rolled back), writing nothing. */
  preview: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

/** A 360Giving data package: each grant is checked on its own, so one bad grant skips only itself. */
export const ThreeSixtyGivingPackage = z.object({
  grants: z.array(z.record(z.string(), z.unknown())).max(200_000, "at most 200,000 grants in one package"),
});

export const ThreeSixtyGivingImportResult = z.object({
  /** True when nothing was written: the figures are what an import would do. */
  preview: z.boolean(),
  grants: z.number().int(),
  imported: z.number().int(),
  importedPence: Pence,
  alreadyImported: z.number().int(),
  recipientsMatched: z.number().int(),
  recipientsCreated: z.number().int(),
  /** Every grant not imported, with its id and the reason. */
  skipped: z.array(z.object({ id: z.string().nullable(), index: z.number().int(), reason: z.string() })),
});
export type ThreeSixtyGivingImportResult = z.infer<typeof ThreeSixtyGivingImportResult>;
