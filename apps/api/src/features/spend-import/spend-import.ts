// Spend from the ledger: read every row, check it, and (when committing) write the sound ones
// as one batch in one transaction. Each row is read and its fields checked here, as it is
// parsed, and the result streamed into PostgreSQL with COPY; what needs the database (cost
// lines, duplicates, what is already imported) is then checked there in one set-based pass.
// Preview runs exactly the same steps and rolls back, so what it shows is what a commit would
// do. A plain pg connection, not Prisma, because Prisma cannot COPY.
import "./records.ts";
import type { PrismaClient } from "@fundline/db";
import { findHeaderRow, HEADER_SEARCH_ROWS, uniqueHeaders } from "@fundline/domain";
import {
  SpendColumnMapping,
  type SpendImportEvent,
  type SpendImportOptions,
  type SpendImportResult,
} from "@fundline/schemas";
import { Conflict, RuleBroken } from "../../errors.ts";
import type { Scope } from "../../lib/scope.ts";
import type { WriteContext } from "../../lib/write-context.ts";
import { columnIndexes, mappingProblems, namesAColumn, suggestMapping } from "./column-mapping.ts";
import { type LedgerRow, readLedgerRows, type SpooledFile } from "./ledger-file.ts";
import { matchPreset } from "./ledger-presets.ts";
import { footerOf, newTally, stageRow } from "./ledger-rows.ts";
import { CREATE_STAGED_SPEND, copyRows, inImportTransaction, type StagedValue } from "./ledger-staging.ts";
import { type Footer, recognised } from "./recognised.ts";
import { checkRows, NOTHING_READ, summarise } from "./staged-checks.ts";
import { writeBatch } from "./write-batch.ts";

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
  const chosen = options.mapping ?? (savedMapping?.success ? savedMapping.data : null);

  const { rows, bytesRead } = readLedgerRows(file);
  const iterator = rows[Symbol.asyncIterator]();
  try {
    // The header may sit below a report's title lines: the first rows are read ahead to find it.
    const ahead: LedgerRow[] = [];
    for (
      let next = await iterator.next();
      !next.done;
      next = ahead.length < HEADER_SEARCH_ROWS ? await iterator.next() : { done: true, value: undefined }
    ) {
      ahead.push(next.value);
    }
    const headerAt = findHeaderRow(
      ahead.map((row) => row.cells.map(String)),
      namesAColumn,
    );
    const headerRow = ahead[headerAt];
    const headers = headerRow ? uniqueHeaders(headerRow.cells.map(String)) : [];
    const afterHeader = ahead.slice(headerAt + 1);
    // A file in a layout Fundline knows needs no mapping by hand; one sent or saved comes first.
    const preset = chosen ? null : matchPreset(headers);
    const mapping = chosen ?? preset?.mapping ?? null;
    const suggestedMapping = suggestMapping(headers);
    const layout = {
      file,
      header: headerRow,
      preambleRows: headerAt,
      headers,
      firstRows: afterHeader,
      mapping: mapping ?? suggestedMapping,
      layoutName: preset?.preset.name ?? null,
    };
    const empty = {
      mode: options.mode,
      sourceName: options.sourceName,
      fileName: file.fileName,
      fileSha256: file.sha256,
      headers,
      suggestedMapping,
      mappingProblems: [],
      recognised: recognised(layout),
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
      await client.query(CREATE_STAGED_SPEND);
      let rowsRead = 0;
      const report = () =>
        onProgress({
          type: "progress",
          phase: "reading",
          rowsRead,
          percent: Math.min(80, Math.round((bytesRead() / Math.max(file.bytes, 1)) * 80)),
        });
      const tally = newTally();
      const headerWidth = file.format === "csv" ? headers.length : undefined;
      async function* dataRows(): AsyncIterable<LedgerRow> {
        yield* afterHeader;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      let footer: Footer | null = null;
      async function* staged(): AsyncIterable<StagedValue[]> {
        // Each row is staged once the next is read: the last may be the file's own total.
        let held: LedgerRow | undefined;
        for await (const row of dataRows()) {
          // A row of commas (the last line of many exports) holds nothing: not a payment, not a problem.
          if (row.cells.every((cell) => cell === "")) {
            tally.blankRows++;
            continue;
          }
          if (held) yield stageRow(held, columns, options.sourceName, tally, headerWidth);
          held = row;
          if (++rowsRead % PROGRESS_EVERY === 0) report();
        }
        footer = held ? footerOf(held, columns) : null;
        if (held && !footer) yield stageRow(held, columns, options.sourceName, tally, headerWidth);
      }
      report();
      await copyRows(client, "staged_spend", staged());
      report();

      onProgress({ type: "progress", phase: "checking", rowsRead, percent: 85 });
      await checkRows(client, scope, write.actor.organisationId ?? null, options.sourceName);
      const summary = await summarise(client, empty, mapping);
      const result = {
        ...summary,
        recognised: recognised(layout, tally, footer, summary.rowsTotalPence),
      };
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

export { suggestMapping };
