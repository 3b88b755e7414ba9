// A ledger export arrives as CSV or XLSX. It is spooled to a temporary file (hashing it on the
// way) and then read back one row at a time, so a 200,000-row file never sits in memory whole.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_READ_SECONDS,
  MAX_IMPORT_RECORD_CHARACTERS,
  MAX_IMPORT_ROWS,
  MAX_XLSX_SHARED_STRINGS_BYTES,
  MAX_XLSX_UNPACKED_BYTES,
  printable,
} from "@fundline/domain";
import { type Options, Parser } from "csv-parse";
import iconv from "iconv-lite";
import { RuleBroken } from "../../errors.ts";

export type LedgerCell = string | number | boolean | Date;
export type LedgerRow = { line: number; cells: LedgerCell[] };

/** How a file's text is written: a workbook's own, or, for CSV, what its bytes say. */
export type LedgerEncoding = "UTF-8" | "UTF-8 with BOM" | "Windows-1252" | "XLSX";

export type SpooledFile = {
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
  format: "csv" | "xlsx";
  encoding: LedgerEncoding;
  remove: () => Promise<void>;
};

/**
 * Writes an upload to a temporary file, returning its SHA-256, what kind of file it is and how
 * its text is encoded. A CSV whose every byte is valid UTF-8 is UTF-8; any other is read as
 * Windows-1252, what Excel and most UK finance systems save "CSV" as (0xA3 a pound sign).
 */
export async function spool(upload: Readable, fileName: string): Promise<SpooledFile> {
  const path = join(tmpdir(), `fundline-import-${randomBytes(8).toString("hex")}`);
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let validUtf8 = true;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
      if (validUtf8) validUtf8 = decodes(utf8, chunk);
      callback(null, chunk);
    },
  });
  const remove = () => rm(path, { force: true });
  try {
    await pipeline(upload, tap, createWriteStream(path));
  } catch (error) {
    await remove();
    throw error;
  }
  // XLSX is a zip ("PK\x03\x04"); anything else is read as CSV.
  const format = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? "xlsx" : "csv";
  if (validUtf8) validUtf8 = decodes(utf8); // a sequence cut short at the end is not UTF-8 either
  const encoding: LedgerEncoding =
    format === "xlsx"
      ? "XLSX"
      : !validUtf8
        ? "Windows-1252"
        : head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
          ? "UTF-8 with BOM"
          : "UTF-8";
  return { path, fileName, sha256: hash.digest("hex"), bytes: (await stat(path)).size, format, encoding, remove };
}

/** Whether the bytes so far (or, with none, the end) are UTF-8; the decoded text is not kept. */
function decodes(decoder: InstanceType<typeof TextDecoder>, chunk?: Buffer): boolean {
  try {
    decoder.decode(chunk, { stream: chunk !== undefined });
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's rows in order, the header first, with their line numbers; blank rows skipped.
 * `bytesRead` says how far through the file reading has got, for progress.
 */
export function readLedgerRows(file: SpooledFile): { rows: AsyncIterable<LedgerRow>; bytesRead: () => number } {
  let bytesRead = 0;
  let source: Readable | undefined;
  async function* rows() {
    try {
      if (file.format === "xlsx") await assertWorkbookWithinBounds(file);
      // Opened only now: a 'data' listener starts the flow, and nothing may be read before the parser is there.
      source = createReadStream(file.path);
      source.on("data", (chunk) => {
        bytesRead += chunk.length;
      });
      const deadline = Date.now() + MAX_IMPORT_READ_SECONDS * 1_000;
      for await (const row of file.format === "csv" ? csvRows(source, file.encoding) : xlsxRows(source, deadline)) {
        if (row.line > MAX_IMPORT_ROWS)
          throw beyondBounds(`has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows`);
        if (row.cells.length > MAX_IMPORT_COLUMNS) {
          throw beyondBounds(`has more than ${MAX_IMPORT_COLUMNS} columns on line ${row.line}`);
        }
        if (Date.now() > deadline) throw beyondBounds(`took more than ${MAX_IMPORT_READ_SECONDS / 60} minutes to read`);
        yield row;
      }
    } catch (error) {
      throw unreadable(file, error);
    } finally {
      source?.destroy(); // reading stopped early (no mapping yet, or an error): close the file now
    }
  }
  return { rows: rows(), bytesRead: () => bytesRead };
}

/** A file beyond what Fundline reads: 422 naming the limit, so the sender can split or trim it. */
function beyondBounds(what: string): RuleBroken {
  return new RuleBroken([{ path: "file", message: `${what}, more than Fundline reads in one import: split it` }]);
}

/**
 * An XLSX's parts, by what its zip directory says they unpack to, before any is unpacked: its
 * shared strings are all held in memory while the sheet is read, so they are bounded first.
 */
async function assertWorkbookWithinBounds(file: SpooledFile): Promise<void> {
  const { default: unzipper } = await import("unzipper");
  const directory = await unzipper.Open.file(file.path);
  const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString("en-GB")} MB`;
  const sharedStrings = directory.files.find((entry) => entry.path === "xl/sharedStrings.xml");
  if (sharedStrings && sharedStrings.uncompressedSize > MAX_XLSX_SHARED_STRINGS_BYTES) {
    throw beyondBounds(
      `holds ${megabytes(sharedStrings.uncompressedSize)} of text in its cells (its shared strings), over ${megabytes(MAX_XLSX_SHARED_STRINGS_BYTES)}`,
    );
  }
  const unpacked = directory.files.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw beyondBounds(`unpacks to ${megabytes(unpacked)}, over ${megabytes(MAX_XLSX_UNPACKED_BYTES)}`);
  }
}

/**
 * What a parser's failure means for the person who sent the file: a 422 naming the file and,
 * for CSV, csv-parse's own description (an unclosed quote, on which line); a damaged or
 * disguised XLSX cannot say more useful than that.
 */
function unreadable(file: SpooledFile, error: unknown): Error {
  if (error instanceof RuleBroken || !(error instanceof Error)) return error as Error;
  const message =
    file.format === "csv"
      ? `cannot be read as CSV: ${printable(error.message).slice(0, 300)}`
      : "cannot be read as an XLSX workbook: it is damaged, cut short or not a spreadsheet. Save it again from Excel, or export it as CSV";
  return new RuleBroken([{ path: "file", message }]);
}

const CSV_OPTIONS: Options = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  trim: true,
  // One runaway record (an unclosed quote in a large file) must not fill memory.
  max_record_size: MAX_IMPORT_RECORD_CHARACTERS,
};

/**
 * csv-parse's parser, each record pushed as a LedgerRow with the line it ends on: its `info`
 * as the record is pushed, what `on_record` would be told, without the context object that
 * option builds for every record (0.3 s of 0.75 s for 200,000 rows).
 */
class LedgerCsvParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : { line: this.info.lines, cells: record as string[] }, encoding);
  }
}

async function* csvRows(source: Readable, encoding: LedgerEncoding): AsyncIterable<LedgerRow> {
  const text = encoding === "Windows-1252" ? source.pipe(iconv.decodeStream("win1252")) : source;
  yield* text.pipe(new LedgerCsvParser(CSV_OPTIONS)) as AsyncIterable<LedgerRow>;
}

const C1_CONTROL = /[\u0080-\u009f]/;
const C1_CONTROLS = new RegExp(C1_CONTROL.source, "g");
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf]/;

/**
 * A cell's text as it was meant, when an earlier conversion mangled it: C1 control characters
 * (Windows-1252 bytes passed through as Latin-1, 0x96 for an en dash) become the characters
 * Windows-1252 has there, and UTF-8 read as Windows-1252 and saved again (`Â£`, `â€“`) is read
 * back as UTF-8. Null when the text needed no repair.
 */
export function repairedText(text: string): string | null {
  let repaired = text;
  if (C1_CONTROL.test(repaired)) {
    repaired = repaired.replace(C1_CONTROLS, (control) => {
      const character = iconv.decode(Buffer.from([control.charCodeAt(0)]), "win1252");
      return character === "\ufffd" ? control : character;
    });
  }
  if (MOJIBAKE.test(repaired)) {
    const bytes = iconv.encode(repaired, "win1252");
    const asUtf8 = bytes.toString("utf8");
    // Only when every character was one Windows-1252 byte and they spell valid UTF-8.
    if (!asUtf8.includes("\ufffd") && iconv.decode(bytes, "win1252") === repaired) repaired = asUtf8;
  }
  return repaired === text ? null : repaired;
}

async function* xlsxRows(source: Readable, deadline: number): AsyncIterable<LedgerRow> {
  // Loaded for the first workbook, not held by every server from its start (with unzipper, tens
  // of MB) for councils whose ledgers are CSV.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: "cache",
    styles: "cache", // needed to tell a date cell from a number
    hyperlinks: "ignore",
    worksheets: "emit",
  });
  for await (const worksheet of workbook) {
    let rowsRead = 0;
    for await (const row of worksheet) {
      // Empty rows are skipped below, but still counted and timed: a sheet of millions of them
      // must end as soon as it passes the bounds.
      if (++rowsRead > MAX_IMPORT_ROWS || row.number > MAX_IMPORT_ROWS) {
        throw beyondBounds(`has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows`);
      }
      if (rowsRead % 10_000 === 0 && Date.now() > deadline) {
        throw beyondBounds(`took more than ${MAX_IMPORT_READ_SECONDS / 60} minutes to read`);
      }
      const values = (row.values as unknown[]).slice(1).map(cellValue);
      if (values.some((value) => value !== "")) yield { line: row.number, cells: values };
    }
    return; // the first sheet only
  }
}

/** A cell as text, number, boolean or date; formulas give their result, rich text its text. */
function cellValue(value: unknown): LedgerCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) {
    return value;
  }
  if (typeof value === "object") {
    const cell = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ("result" in cell) return cellValue(cell.result);
    if (cell.richText) return cell.richText.map((part) => part.text).join("");
    if (typeof cell.text === "string") return cell.text;
  }
  return String(value);
}
