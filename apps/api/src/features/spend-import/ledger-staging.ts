// Sends rows to PostgreSQL with COPY, its bulk-loading path, streamed with backpressure: reading
// the file never runs ahead of the database and never holds more than a few chunks in memory
// (JSON batches held several times as much; docs/performance.md has the measurements).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Prisma, type PrismaClient, poolOf } from "@fundline/db";
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

/** The rows of a file as read, before the database checks them: the columns `stageRow` fills. */
export const CREATE_STAGED_SPEND = `
  CREATE TEMP TABLE staged_spend (
    line integer, spent_on date, amount_pence bigint, vat_pence bigint, line_code text, supplier text,
    reference text, department text, purpose text, merchant_category text, paid_to_individual boolean,
    row_key text, identified boolean, problem text
  ) ON COMMIT DROP`;

/**
 * Runs `work` in one transaction on a connection of its own, committing only when it says so
 * (a preview rolls back). The pool's 30-second statement limit is for requests; a council's
 * year of ledger is given longer, and room to sort and hash its rows in memory.
 */
export async function inImportTransaction<T>(
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
