// Spend from the ledger: read every row, check it, and (when committing) write the sound ones
// as one batch in one transaction. Each row is read and its fields checked here, as it is
// parsed, and the result streamed into PostgreSQL with COPY; what needs the database (cost
// lines, duplicates, what is already imported) is then checked there in one set-based pass.
// Preview runs exactly the same steps and rolls back, so what it shows is what a commit would
// do. A plain pg connection, not Prisma, because Prisma cannot COPY.
import "./records.ts";
import { hash } from "node:crypto";
import { Prisma, type PrismaClient, poolOf } from "@fundline/db";
import {
  formatDate,
  formatPence,
  penceFromBigInt,
  printable,
  type Reading,
  readDate,
  readMoney,
  readYesNo,
  textOutOfBounds,
} from "@fundline/domain";
import {
  type ImportBatchSummary,
  SPEND_IMPORT_FIELDS,
  SpendColumnMapping,
  type SpendImportEvent,
  type SpendImportField,
  type SpendImportOptions,
  type SpendImportResult,
} from "@fundline/schemas";
import type { PoolClient } from "pg";
import { Conflict, RuleBroken } from "../../errors.ts";
import { recordAuditOn } from "../../lib/audit-trail.ts";
import { type Scope, visibleProgrammesSql } from "../../lib/scope.ts";
import type { WriteContext } from "../../lib/write-context.ts";
import { batchSummary } from "./import-batches.ts";
import { type LedgerCell, type LedgerRow, readLedgerRows, type SpooledFile } from "./ledger-file.ts";
import { copyRows, type StagedValue } from "./ledger-staging.ts";

/** Problems listed in full; `skipped` still counts them all. */
const PROBLEMS_SHOWN = 1_000;
const TEXT_LIMIT = 500;
/** Progress is reported every this many rows read. */
const PROGRESS_EVERY = 10_000;

type Progress = (event: Extract<SpendImportEvent, { type: "progress" }>) => void;

export async function importSpend(
  prisma: PrismaClient,
  file: SpooledFile,
  options: SpendImportOptions,
  scope: Scope,
  write: WriteContext,
  onProgress: Progress = () => {},
): Promise<SpendImportResult> {
  const started = performance.now();
  if (options.mode === "commit" && options.expectedSha256 && options.expectedSha256 !== file.sha256) {
    throw new Conflict("This is not the file that was previewed: preview it again before importing.", {
      fileSha256: file.sha256,
    });
  }
  // Mappings are each council's own: another council's ledger of the same name is another ledger.
  const saved = write.actor.organisationId
    ? await prisma.importColumnMapping.findUnique({
        where: {
          organisationId_sourceName: { organisationId: write.actor.organisationId, sourceName: options.sourceName },
        },
      })
    : null;
  const savedMapping = saved ? SpendColumnMapping.safeParse(saved.columns) : null;
  const mapping = options.mapping ?? (savedMapping?.success ? savedMapping.data : null);

  const { rows, bytesRead } = readLedgerRows(file);
  const iterator = rows[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    const headers = first.done ? [] : first.value.cells.map((cell) => String(cell).trim());
    const empty = {
      mode: options.mode,
      sourceName: options.sourceName,
      fileName: file.fileName,
      fileSha256: file.sha256,
      headers,
      suggestedMapping: suggestMapping(headers),
      mappingProblems: [],
    };
    if (!mapping) return { ...empty, ...NOTHING_READ, mapping: null, elapsedMs: performance.now() - started };
    const problems = mappingProblems(mapping, headers);
    if (problems.length > 0) {
      // Importing with a mapping that does not fit is refused; a preview shows what to choose again.
      if (options.mode === "commit") throw new RuleBroken(problems);
      const fitting = Object.fromEntries(
        Object.entries(mapping).filter(([field]) => !problems.some((problem) => problem.path === `mapping.${field}`)),
      );
      return {
        ...empty,
        ...NOTHING_READ,
        mapping: null,
        suggestedMapping: { ...empty.suggestedMapping, ...fitting },
        mappingProblems: problems,
        elapsedMs: performance.now() - started,
      };
    }
    const columns = columnIndexes(mapping, headers);

    return await inImportTransaction(prisma, async (client) => {
      if (options.mode === "commit") {
        // One import per source at a time: a second identical upload waits, then adds nothing.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`spend-import:${options.sourceName}`]);
      }
      await client.query(`
        CREATE TEMP TABLE staged_spend (
          line integer, spent_on date, amount_pence bigint, vat_pence bigint, line_code text, supplier text,
          reference text, department text, purpose text, merchant_category text, paid_to_individual boolean,
          row_key text, identified boolean, problem text
        ) ON COMMIT DROP`);
      let rowsRead = 0;
      const report = () =>
        onProgress({
          type: "progress",
          phase: "reading",
          rowsRead,
          percent: Math.min(80, Math.round((bytesRead() / Math.max(file.bytes, 1)) * 80)),
        });
      async function* staged(): AsyncIterable<StagedValue[]> {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          yield stageRow(next.value, columns, options.sourceName);
          if (++rowsRead % PROGRESS_EVERY === 0) report();
        }
      }
      report();
      await copyRows(client, "staged_spend", staged());
      report();

      onProgress({ type: "progress", phase: "checking", rowsRead, percent: 85 });
      await run(client, checkStagedRows(scope, write.actor.organisationId ?? null));
      const result = await summarise(client, empty, mapping);
      if (options.mode === "preview")
        return { result: { ...result, elapsedMs: performance.now() - started }, commit: false };

      onProgress({ type: "progress", phase: "writing", rowsRead, percent: 90 });
      const batch = await writeBatch(client, file, options.sourceName, mapping, result, write);
      return { result: { ...result, batch, elapsedMs: performance.now() - started }, commit: true };
    });
  } finally {
    await iterator.return?.();
  }
}

/**
 * Runs `work` in one transaction on a connection of its own, committing only when it says so
 * (a preview rolls back). The pool's 30-second statement limit is for requests; a council's
 * year of ledger is given longer, and room to sort and hash its rows in memory.
 */
async function inImportTransaction<T>(
  prisma: PrismaClient,
  work: (client: PoolClient) => Promise<{ result: T; commit: boolean }>,
): Promise<T> {
  const client = await poolOf(prisma).connect();
  let broken: Error | undefined;
  // A connection lost mid-import (the database stopped) is reported on the client: without a
  // listener Node would treat it as fatal. The statement in progress fails too, and is answered.
  const lost = (error: Error) => {
    broken = error;
  };
  client.on("error", lost);
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL statement_timeout = '30min'");
    await client.query("SET LOCAL work_mem = '64MB'");
    const { result, commit } = await work(client);
    await client.query(commit ? "COMMIT" : "ROLLBACK");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackFailed: Error) => {
      broken = rollbackFailed; // a connection that cannot roll back is closed, not reused
    });
    throw error;
  } finally {
    client.removeListener("error", lost);
    client.release(broken);
  }
}

/** Runs a Prisma.sql query (values bound, never spliced) on the import's own connection. */
async function run<Row extends Record<string, unknown>>(client: PoolClient, query: Prisma.Sql): Promise<Row[]> {
  return (await client.query<Row>(query.text, query.values as unknown[])).rows;
}

/**
 * `checked`: each staged row with its cost line, the council that will own it, and, if it cannot
 * be imported, what kind of problem and why. On a shared programme a council imports only to the
 * lines it owns, or to any line of a programme whose lead granted it the right; its rows are its
 * own (an administrator from a council taking no part imports on the lead's behalf).
 */
function checkStagedRows(scope: Scope, importerCouncil: string | null): Prisma.Sql {
  const council = Prisma.sql`${importerCouncil}::uuid`;
  const mayImportTo =
    scope.organisationId === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`(COALESCE(line."ownerOrganisationId", programme."leadOrganisationId") = ${council} OR EXISTS (
          SELECT 1 FROM "ProgrammePartner" partner
          WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${council}
            AND partner."mayAddCostLines" AND (partner."withdrewOn" IS NULL OR partner."withdrewOn" > current_date)))`;
  return Prisma.sql`
    CREATE TEMP TABLE checked ON COMMIT DROP AS
    WITH line AS (
      SELECT lower(line."ledgerCode") AS code, count(*)::int AS lines,
             min(line.id::text)::uuid AS id, min(line."programmeId"::text)::uuid AS programme_id,
             bool_and(${mayImportTo}) AS may_import, min(owner.name) AS owner_name,
             min(CASE WHEN programme."leadOrganisationId" = ${council} OR EXISTS (
                        SELECT 1 FROM "ProgrammePartner" partner
                        WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${council})
                      THEN ${council} ELSE programme."leadOrganisationId" END::text)::uuid AS row_owner
      FROM "CostLine" line JOIN "Programme" programme ON programme.id = line."programmeId"
      JOIN "Organisation" owner ON owner.id = COALESCE(line."ownerOrganisationId", programme."leadOrganisationId")
      WHERE line."retiredAt" IS NULL AND programme."retiredAt" IS NULL AND ${visibleProgrammesSql(scope)}
        AND lower(line."ledgerCode") IN (SELECT DISTINCT lower(line_code) FROM staged_spend)
      GROUP BY 1
    ), numbered AS (
      -- Rows alike in everything, with no transaction number to tell them apart, are separate
      -- payments (the ledger lists each): the second and later are told apart by their place
      -- among them, so the file imports whole and importing it again still adds nothing.
      SELECT staged.line, staged.spent_on, staged.amount_pence, staged.vat_pence, staged.line_code, staged.supplier,
             staged.reference, staged.department, staged.purpose, staged.merchant_category, staged.paid_to_individual,
             staged.problem, occurrence,
             CASE WHEN NOT staged.identified AND occurrence > 1 THEN staged.row_key || '#' || occurrence
                  ELSE staged.row_key END AS row_key,
             staged.identified AND occurrence > 1 AS repeated
      FROM (SELECT *, row_number() OVER (PARTITION BY row_key ORDER BY line) AS occurrence FROM staged_spend) staged
    )
    SELECT numbered.*, line.id AS cost_line_id, line.programme_id, line.row_owner,
           CASE WHEN numbered.problem IS NOT NULL THEN 'field'
                WHEN line.code IS NULL OR line.lines > 1 OR NOT line.may_import THEN 'costLine'
                WHEN numbered.repeated OR live.id IS NOT NULL THEN 'duplicate' END AS kind,
           CASE WHEN numbered.problem IS NOT NULL THEN numbered.problem
                WHEN line.code IS NULL THEN format('no cost line you can import to has the ledger code "%s"', numbered.line_code)
                WHEN line.lines > 1 THEN format('the ledger code "%s" belongs to %s cost lines', numbered.line_code, line.lines)
                WHEN NOT line.may_import THEN format(
                  'the cost line with the ledger code "%s" is %s''s: your council imports only to its own cost lines, unless the programme''s lead grants it the right',
                  numbered.line_code, line.owner_name)
                WHEN numbered.repeated THEN 'the same transaction number appears earlier in this file'
                WHEN live.id IS NOT NULL THEN 'already imported' END AS reason
    FROM numbered
    LEFT JOIN line ON line.code = lower(numbered.line_code)
    LEFT JOIN LATERAL (
      SELECT spend.id FROM "Spend" spend WHERE spend."ledgerRowKey" = numbered.row_key AND spend."retiredAt" IS NULL LIMIT 1
    ) live ON true`;
}

/** What the checked rows come to: counts, the sum that would be imported, problems, a sample. */
async function summarise(
  client: PoolClient,
  empty: Omit<SpendImportResult, "mapping" | keyof typeof NOTHING_READ | "elapsedMs">,
  mapping: SpendColumnMapping,
): Promise<SpendImportResult> {
  const [counts] = await run<{
    rows: string;
    importable: string;
    importablePence: string;
    skipped: string;
    duplicates: string;
  }>(
    client,
    Prisma.sql`
      SELECT count(*) AS rows, count(*) FILTER (WHERE kind IS NULL) AS importable,
             coalesce(sum(amount_pence) FILTER (WHERE kind IS NULL), 0) AS "importablePence",
             count(*) FILTER (WHERE kind IS NOT NULL) AS skipped,
             count(*) FILTER (WHERE kind = 'duplicate') AS duplicates
      FROM checked`,
  );
  const problems = await run<{ line: number; kind: "field" | "costLine" | "duplicate"; reason: string }>(
    client,
    Prisma.sql`SELECT line, kind, reason FROM checked WHERE kind IS NOT NULL ORDER BY line LIMIT ${PROBLEMS_SHOWN}`,
  );
  // Rows that go in but will raise a finding: the import says so before anything is written.
  // Found once (which rows, of what kind), counted, and worded for the first shown only.
  const warned = await run<{
    warningCount: string;
    line: number | null;
    kind: "outsideProgrammeDates" | "moreThanLineHasLeft" | null;
    spentOn: string | null;
    amountPence: string | null;
    leftPence: string | null;
    programme: string | null;
    startOn: string | null;
    endOn: string | null;
    costLine: string | null;
  }>(
    client,
    Prisma.sql`
      WITH warned AS (
        SELECT checked.line, 'outsideProgrammeDates' AS kind, checked.programme_id, checked.cost_line_id,
               checked.spent_on, checked.amount_pence, NULL::bigint AS left_pence
        FROM checked JOIN "Programme" programme ON programme.id = checked.programme_id
        WHERE checked.kind IS NULL
          AND fundline_spent_outside_programme_dates(checked.spent_on, programme."startOn", programme."endOn")
        UNION ALL
        SELECT checked.line, 'moreThanLineHasLeft', checked.programme_id, checked.cost_line_id, checked.spent_on,
               checked.amount_pence,
               greatest(coalesce(total."allocatedPence", 0) - coalesce(total."spentPence", 0), 0)
        FROM checked LEFT JOIN "CostLineTotal" total ON total."costLineId" = checked.cost_line_id
        WHERE checked.kind IS NULL AND checked.amount_pence > 0
          AND checked.amount_pence > coalesce(total."allocatedPence", 0) - coalesce(total."spentPence", 0)
      ), shown AS (
        SELECT * FROM warned ORDER BY line, kind LIMIT ${PROBLEMS_SHOWN}
      )
      SELECT (SELECT count(DISTINCT line) FROM warned) AS "warningCount", shown.line, shown.kind,
             to_char(shown.spent_on, 'YYYY-MM-DD') AS "spentOn", shown.amount_pence::text AS "amountPence",
             shown.left_pence::text AS "leftPence", programme.name AS programme,
             to_char(programme."startOn", 'YYYY-MM-DD') AS "startOn", to_char(programme."endOn", 'YYYY-MM-DD') AS "endOn",
             line.name AS "costLine"
      -- One row even when nothing is shown, so the count always comes back.
      FROM (SELECT 1) one
      LEFT JOIN shown ON true
      LEFT JOIN "Programme" programme ON programme.id = shown.programme_id
      LEFT JOIN "CostLine" line ON line.id = shown.cost_line_id
      ORDER BY shown.line, shown.kind`,
  );
  // Worded here, with the formatters every other figure is shown with.
  const warnings = warned.flatMap((row) => {
    if (row.line === null || row.kind === null || row.spentOn === null) return [];
    const reason =
      row.kind === "outsideProgrammeDates"
        ? `dated ${formatDate(row.spentOn)}, outside the dates of ${row.programme} (${row.startOn ? formatDate(row.startOn) : "no start"} to ${row.endOn ? formatDate(row.endOn) : "no end"})`
        : `${formatPence(penceFromBigInt(BigInt(row.amountPence ?? 0)))} is more than the ${formatPence(penceFromBigInt(BigInt(row.leftPence ?? 0)))} left on ${row.costLine}`;
    return [{ line: row.line, kind: row.kind, reason }];
  });
  const sample = await run<{
    line: number;
    spentOn: string;
    amountPence: string;
    supplierName: string;
    costLine: string;
    programme: string;
  }>(
    client,
    Prisma.sql`
      SELECT first.line, to_char(first.spent_on, 'YYYY-MM-DD') AS "spentOn", first.amount_pence AS "amountPence",
             first.supplier AS "supplierName", line.name AS "costLine", programme.name AS programme
      FROM (SELECT * FROM checked WHERE kind IS NULL ORDER BY line LIMIT 10) first
      JOIN "CostLine" line ON line.id = first.cost_line_id
      JOIN "Programme" programme ON programme.id = first.programme_id
      ORDER BY first.line`,
  );
  return {
    ...empty,
    mapping,
    rows: Number(counts?.rows ?? 0),
    importable: Number(counts?.importable ?? 0),
    importablePence: penceFromBigInt(BigInt(counts?.importablePence ?? 0)),
    skipped: Number(counts?.skipped ?? 0),
    duplicates: Number(counts?.duplicates ?? 0),
    problems,
    warnings,
    warningCount: Number(warned[0]?.warningCount ?? 0),
    sample: sample.map((row) => ({ ...row, amountPence: penceFromBigInt(BigInt(row.amountPence)) })),
    batch: null,
    elapsedMs: 0,
  };
}

/**
 * The batch, its spend rows, the mapping, the audit. One INSERT for the rows, so the totals
 * triggers run once; their ids are the batch's id with the row's line number in its last
 * eight hex digits: unique, and cheaper than 200,000 calls for strong random numbers.
 */
async function writeBatch(
  client: PoolClient,
  file: SpooledFile,
  sourceName: string,
  mapping: SpendColumnMapping,
  result: SpendImportResult,
  write: WriteContext,
): Promise<ImportBatchSummary> {
  const [batch] = await run<{
    id: string;
    sourceName: string;
    fileName: string;
    fileSha256: string;
    rowCount: number;
    totalPence: string;
    status: "committed" | "reversed";
    createdAt: Date;
    reversedAt: Date | null;
  }>(
    client,
    Prisma.sql`
      INSERT INTO "ImportBatch" ("sourceName", "fileName", "fileSha256", "rowCount", "totalPence", "createdById",
                                 "organisationId")
      VALUES (${sourceName}, ${file.fileName}, ${file.sha256}, ${result.importable}, ${result.importablePence},
              ${write.actor.id}::uuid, ${write.actor.organisationId ?? null}::uuid)
      RETURNING id, "sourceName", "fileName", "fileSha256", "rowCount", "totalPence", status, "createdAt", "reversedAt"`,
  );
  if (!batch) throw new Error("the import batch was not created");
  await run(
    client,
    Prisma.sql`
      INSERT INTO "Spend" (id, "programmeId", "costLineId", "spentOn", "amountPence", "irrecoverableVatPence", "supplierName",
                           "paidToIndividual", department, purpose, "merchantCategory", reference, source, "importBatchId",
                           "ledgerRowKey", "ownerOrganisationId")
      SELECT overlay(${batch.id}::text PLACING lpad(to_hex(line), 8, '0') FROM 29)::uuid,
             programme_id, cost_line_id, spent_on, amount_pence, coalesce(vat_pence, 0), supplier,
             coalesce(paid_to_individual, false), department, purpose, merchant_category, reference, 'import',
             ${batch.id}::uuid, row_key, row_owner
      FROM checked WHERE kind IS NULL`,
  );
  await run(
    client,
    Prisma.sql`
      INSERT INTO "ImportColumnMapping" ("organisationId", "sourceName", columns)
      VALUES (${write.actor.organisationId}::uuid, ${sourceName}, ${JSON.stringify(mapping)}::jsonb)
      ON CONFLICT ("organisationId", "sourceName") DO UPDATE
      SET columns = excluded.columns, version = "ImportColumnMapping".version + 1, "updatedAt" = now()`,
  );
  await recordAuditOn(client, {
    ...write,
    entityType: "ImportBatch",
    entityId: batch.id,
    action: "import",
    before: null,
    after: {
      sourceName,
      fileName: file.fileName,
      fileSha256: file.sha256,
      rowCount: result.importable,
      totalPence: result.importablePence,
      skipped: result.skipped,
      duplicates: result.duplicates,
    },
  });
  return batchSummary({
    ...batch,
    totalPence: BigInt(batch.totalPence),
    createdBy: { displayName: write.actor.label },
  });
}

const NOTHING_READ = {
  rows: 0,
  importable: 0,
  importablePence: 0,
  skipped: 0,
  duplicates: 0,
  problems: [],
  warnings: [],
  warningCount: 0,
  sample: [],
  batch: null,
};

type Columns = Record<SpendImportField, number | undefined>;

/** Each mapped field whose column the file lacks, and why. */
function mappingProblems(mapping: SpendColumnMapping, headers: string[]) {
  const lower = new Set(headers.map((header) => header.toLowerCase()));
  return (Object.keys(SPEND_IMPORT_FIELDS) as SpendImportField[]).flatMap((field) => {
    const column = mapping[field];
    if (column === undefined || lower.has(column.toLowerCase())) return [];
    return [{ path: `mapping.${field}`, message: `the file has no column called "${column}"` }];
  });
}

/** Where each mapped field is in the file (every mapped column is there: see `mappingProblems`). */
function columnIndexes(mapping: SpendColumnMapping, headers: string[]): Columns {
  const lower = headers.map((header) => header.toLowerCase());
  const columns = {} as Columns;
  for (const field of Object.keys(SPEND_IMPORT_FIELDS) as SpendImportField[]) {
    const column = mapping[field];
    if (column !== undefined) columns[field] = lower.indexOf(column.toLowerCase());
  }
  return columns;
}

/**
 * Reads one row's fields, as the columns of `staged_spend` in order; every field that cannot be
 * read is named in the row's problem.
 */
function stageRow({ line, cells }: LedgerRow, columns: Columns, sourceName: string): StagedValue[] {
  const problems: string[] = [];
  const cell = (field: SpendImportField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "");
  };
  const read = <T>(field: SpendImportField, reading: Reading<T>): T | null => {
    if (reading.ok) return reading.value;
    problems.push(`${SPEND_IMPORT_FIELDS[field].label}: ${reading.reason}`);
    return null;
  };
  const text = (field: SpendImportField, required: boolean): string | null => {
    const value = cell(field);
    const trimmed = (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)).trim();
    if (!trimmed) {
      if (required) problems.push(`${SPEND_IMPORT_FIELDS[field].label}: is blank`);
      return null;
    }
    const outOfBounds = textOutOfBounds(trimmed, TEXT_LIMIT);
    if (outOfBounds) {
      problems.push(`${SPEND_IMPORT_FIELDS[field].label}: ${outOfBounds}`);
      return null;
    }
    return trimmed;
  };

  const rawDate = cell("spentOn");
  const spentOn = read("spentOn", typeof rawDate === "number" ? excelSerialDate(rawDate) : readDate(asText(rawDate)));
  const amount = read("amount", readMoney(asMoney(cell("amount"))));
  if (amount === 0) problems.push(`${SPEND_IMPORT_FIELDS.amount.label}: is zero`);
  const vatCell = cell("irrecoverableVat");
  const vat = vatCell === "" ? 0 : read("irrecoverableVat", readMoney(asMoney(vatCell)));
  if (vat !== null && vat < 0) problems.push(`${SPEND_IMPORT_FIELDS.irrecoverableVat.label}: is negative`);
  if (vat !== null && amount !== null && vat > Math.abs(amount)) {
    problems.push(`${SPEND_IMPORT_FIELDS.irrecoverableVat.label}: is more than the payment`);
  }
  const individualCell = cell("paidToIndividual");
  const paidToIndividual = read(
    "paidToIndividual",
    readYesNo(typeof individualCell === "boolean" ? individualCell : String(individualCell)),
  );
  const code = text("costLineCode", true);
  const supplier = text("supplierName", true);
  const transactionId = text("transactionId", false);
  const reference = text("reference", false);

  const department = text("department", false);
  const purpose = text("purpose", false);
  const merchantCategory = text("merchantCategory", false);

  // A row's identity: the ledger's transaction number when it has one, else what it says.
  const identity = transactionId
    ? `id\u0000${transactionId}`
    : [spentOn, amount, code?.toLowerCase(), supplier, reference].join("\u0000");
  // The one-shot hash: a hash object per row costs about twice as much.
  const rowKey = hash("sha256", `${sourceName}\u0000${identity}`, "base64url");
  return [
    line,
    spentOn,
    amount,
    vat,
    code,
    supplier,
    reference,
    department,
    purpose,
    merchantCategory,
    paidToIndividual,
    rowKey,
    transactionId !== null,
    // Reasons quote what the row said, which may hold characters PostgreSQL refuses (NUL).
    problems.length ? printable(problems.join("; ")) : null,
  ];
}

const asText = (cell: LedgerCell): string | Date =>
  cell instanceof Date ? cell : typeof cell === "string" ? cell : String(cell);
const asMoney = (cell: LedgerCell): string | number =>
  typeof cell === "number" ? cell : cell instanceof Date ? "a date" : String(cell);

/** Excel keeps dates as days since 30 December 1899 when a cell is not formatted as a date. */
function excelSerialDate(serial: number): Reading<string> {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) {
    return { ok: false, reason: `${serial} is not a date` };
  }
  return readDate(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
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
