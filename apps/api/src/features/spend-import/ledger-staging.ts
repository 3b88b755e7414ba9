// Sends rows to PostgreSQL with COPY, its bulk-loading path, streamed with backpressure: reading
// the file never runs ahead of the database and never holds more than a few chunks in memory
// (JSON batches held several times as much; docs/performance.md has the measurements).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Prisma } from "@fundline/db";
import { stringify } from "csv-stringify/sync";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One staged value. null and "" both arrive as SQL NULL (an unquoted empty field in COPY's CSV). */
export type StagedValue = string | number | boolean | null;

/** Rows per chunk sent: one message per row would cost more than the rows themselves. */
const ROWS_PER_CHUNK = 2_000;
const CSV = { cast: { boolean: (value: boolean) => (value ? "true" : "false") } };

/** Copies every row into `table` (its columns in the rows' order) within the client's transaction. */
export async function copyRows(client: PoolClient, table: string, rows: AsyncIterable<StagedValue[]>): Promise<void> {
  async function* chunks() {
    let chunk: StagedValue[][] = [];
    for await (const row of rows) {
      chunk.push(row);
      if (chunk.length === ROWS_PER_CHUNK) {
        yield stringify(chunk, CSV);
        chunk = [];
      }
    }
    if (chunk.length) yield stringify(chunk, CSV);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv)`)));
}

/** Runs a Prisma.sql query (values bound, never spliced) on the import's own connection. */
export async function run<Row extends Record<string, unknown>>(client: PoolClient, query: Prisma.Sql): Promise<Row[]> {
  return (await client.query<Row>(query.text, query.values as unknown[])).rows;
}
