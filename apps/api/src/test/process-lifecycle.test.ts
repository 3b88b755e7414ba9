// Fundline as a real process, stopped the hard way and the polite way. A SIGKILL in the middle
// of an import leaves the batch wholly there or wholly absent, and the same file simply imports
// again; a SIGTERM lets requests in flight finish (an import whose reader has gone too), refuses
// new ones, and stops the embedded PostgreSQL cleanly; a Fundline killed with its embedded
// PostgreSQL still running starts again.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createPrismaClient, freePort } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import { describe, expect, inject, it } from "vitest";
import { importLedger, ledgerCsv, startApi } from "./api-process.ts";
import { totalsAgainstOracle } from "./totals-oracle.ts";

const FINANCE = "finance@oldham.example";

async function importedRows(databaseUrl: string) {
  const prisma = createPrismaClient(databaseUrl);
  try {
    // A killed server's statement ends once PostgreSQL sees its connection gone (within 2 s).
    for (let waited = 0; waited < 30_000; waited += 200) {
      const [busy] = await prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`;
      if (busy?.count === 0) break;
      await new Promise((done) => setTimeout(done, 200));
    }
    const [counts] = await prisma.$queryRaw<{ batches: number; rows: number }[]>`
      SELECT (SELECT count(*)::int FROM "ImportBatch" WHERE "sourceName" = 'Lifecycle ledger') AS batches,
             (SELECT count(*)::int FROM "Spend" WHERE "supplierName" = 'Lifecycle Supplies Ltd' AND "retiredAt" IS NULL) AS rows`;
    return { ...(counts ?? { batches: -1, rows: -1 }), totalsProblems: await totalsAgainstOracle(prisma) };
  } finally {
    await prisma.$disconnect();
  }
}

describe("a Fundline process stopped in the middle of its work", () => {
  it("SIGKILLed while writing a 200,000-row import: the batch is wholly absent, and the same file imports again", async () => {
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    const csv = ledgerCsv(200_000);
    try {
      const first = await startApi({ DATABASE_URL: database.url });
      const session = await first.signIn(FINANCE);
      let killedWhile = "";
      const result = await importLedger(first, session, csv, (event) => {
        // Killed once the rows are being written into Spend, inside the import's transaction.
        if (event.type === "progress" && event.phase === "writing" && !killedWhile) {
          killedWhile = `writing, ${event.rowsRead} rows read`;
          first.child.kill("SIGKILL");
        }
      });
      expect(await first.exited).toBeNull();
      expect(killedWhile).toMatch(/^writing/);
      expect(result).toBeNull();
      const afterKill = await importedRows(database.url);
      expect(afterKill).toEqual({ batches: 0, rows: 0, totalsProblems: [] });

      const second = await startApi({ DATABASE_URL: database.url });
      const again = await importLedger(second, await second.signIn(FINANCE), csv);
      expect(again?.batch?.rowCount).toBe(200_000);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
      expect(await importedRows(database.url)).toEqual({ batches: 1, rows: 200_000, totalsProblems: [] });
    } finally {
      await database.drop();
    }
  }, 240_000);

  it("on SIGTERM, an import whose reader went away finishes before the process stops", async () => {
    const database = await createTestDatabase(inject("databaseAdminUrl"));
    try {
      const api = await startApi({ DATABASE_URL: database.url });
      const session = await api.signIn(FINANCE);
      const reader = new AbortController();
      const answer = await importLedger(
        api,
        session,
        ledgerCsv(60_000, "GONE"),
        (event) => {
          if (event.type === "progress" && event.phase === "reading" && !reader.signal.aborted) {
            reader.abort(); // the browser tab is closed mid-import …
            api.child.kill("SIGTERM"); // … and then the server is told to stop
          }
        },
        reader.signal,
      );
      expect(answer).toBeNull();
      expect(await api.exited).toBe(0);
      // The import ran on to its end and was committed, whole; nothing failed under it.
      expect(await importedRows(database.url)).toEqual({ batches: 1, rows: 60_000, totalsProblems: [] });
      expect(api.output()).not.toMatch(/Cannot use a pool|unhandled error|spend import failed/);
    } finally {
      await database.drop();
    }
  }, 240_000);

  it("with its embedded PostgreSQL: killed outright it starts again; on SIGTERM it finishes what is in flight, refuses new requests and stops PostgreSQL", async () => {
    // A folder PostgreSQL's own user can create (it runs as `postgres` when Fundline runs as root).
    const dataRoot = join("/tmp", `fundline-lifecycle-${process.pid}-${Date.now()}`);
    const env = { FUNDLINE_DATA_DIR: dataRoot, FUNDLINE_PG_PORT: String(await freePort()) };
    const pidFile = join(dataRoot, "postgres", "postmaster.pid");
    try {
      const first = await startApi(env);
      const orphan = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
      first.child.kill("SIGKILL");
      await first.exited;
      // Its PostgreSQL lives on, holding the port and the folder…
      expect(() => process.kill(orphan, 0)).not.toThrow();

      // …and the next start stops it first, then starts cleanly.
      const second = await startApi(env);
      expect(second.output()).toContain("did not stop cleanly");
      expect(() => process.kill(orphan, 0)).toThrow();
      const session = await second.signIn(FINANCE);

      // An import in flight when SIGTERM arrives finishes; a request after it is refused.
      let refusedAfterSigterm: number | string | undefined;
      const inFlight = importLedger(second, session, ledgerCsv(60_000, "TERM"), (event) => {
        if (event.type === "progress" && event.phase === "reading" && refusedAfterSigterm === undefined) {
          refusedAfterSigterm = "pending";
          second.child.kill("SIGTERM");
          // Fastify refuses what arrives while it closes; a closed socket refuses too. Asked once the
          // process has taken the signal: a request that reaches it first is rightly still served.
          const askOnceStopping = setInterval(() => {
            if (!second.output().includes("SIGTERM received")) return;
            clearInterval(askOnceStopping);
            fetch(`${second.base}/api/health`).then(
              (response) => {
                refusedAfterSigterm = response.status;
              },
              () => {
                refusedAfterSigterm = "connection refused";
              },
            );
          }, 20);
        }
      });
      const finished = await inFlight;
      expect(finished?.batch?.rowCount).toBe(60_000);
      expect(await second.exited).toBe(0);
      expect([503, "connection refused"]).toContain(refusedAfterSigterm);
      expect(second.output()).toContain("Fundline stopped.");
      // PostgreSQL stopped cleanly: no server left, the folder's lock file gone.
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      await rm(dataRoot, { recursive: true, force: true });
    }
  }, 300_000);
});
