// pnpm bench: a council group's portfolio in a throwaway PostgreSQL, then the figures the
// README quotes: the portfolio reconciliation under concurrent load against the same figures
// computed from scratch in bare SQL (and in JavaScript), and the API server's peak memory.
// A script, not a test: it prints numbers; nothing here passes or fails on timing.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { applyMigrations, ensureDatabase, freePort, startEmbeddedPostgres } from "@fundline/db";
import autocannon from "autocannon";
import pg from "pg";
import { buildSyntheticPortfolio, LINES, SIZE, SPEND_ROWS } from "./synthetic-portfolio.ts";

const API_DIR = fileURLToPath(new URL("../../apps/api", import.meta.url));
const ADMIN = { email: "load.test@council.example", password: "portfolio load test passphrase 2026" };
const LOAD = { connections: 8, seconds: Number(process.env.BENCH_SECONDS ?? 15) };

const log = (line = "") => console.log(line);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

// The portfolio's figures from nothing but the raw rows: what every request would cost
// without running totals.
const FROM_SCRATCH = `
  WITH line_spend AS (
    SELECT "costLineId", sum("amountPence") AS spent FROM "Spend" WHERE "retiredAt" IS NULL GROUP BY 1
  ), line_allocation AS (
    SELECT "costLineId", sum("amountPence") AS allocated FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1
  ), commitment_allocation AS (
    SELECT "commitmentId", sum("amountPence") AS allocated FROM "Allocation" WHERE "retiredAt" IS NULL GROUP BY 1
  ), committed AS (
    SELECT "programmeId", sum("amountPence") AS pence FROM "FundingCommitment"
    WHERE "retiredAt" IS NULL AND status IN ('awarded', 'received') GROUP BY 1
  )
  SELECT
    (SELECT count(*) FROM line_spend LEFT JOIN line_allocation USING ("costLineId")
      WHERE spent <> 0 AND (coalesce(allocated, 0) = 0 OR spent > allocated)) AS "linesFlagged",
    (SELECT count(*) FROM "FundingCommitment" commitment JOIN commitment_allocation allocation ON allocation."commitmentId" = commitment.id
      WHERE allocation.allocated > commitment."amountPence") AS "commitmentsOverAllocated",
    (SELECT count(*) FROM "Programme" programme LEFT JOIN committed ON committed."programmeId" = programme.id
      WHERE programme."totalCostPence" > coalesce(committed.pence, 0)) AS "programmesShort",
    (SELECT sum(spent) FROM line_spend)::text AS "spentPence"`;

async function main() {
  log(`Fundline bench — ${new Date().toISOString()}, ${process.platform}/${process.arch}, Node ${process.version}`);
  log(
    `Portfolio: ${SIZE.programmes.toLocaleString("en-GB")} programmes, ${LINES.toLocaleString("en-GB")} cost lines, commitments and allocations, ${SPEND_ROWS.toLocaleString("en-GB")} spend rows`,
  );
  // A throwaway cluster under /tmp, deleted when it stops.
  const cluster = await startEmbeddedPostgres({
    dataDir: `/tmp/fundline-bench-${process.pid}-${randomBytes(4).toString("hex")}`,
    port: await freePort(),
    persistent: false,
  });
  let server: ChildProcess | undefined;
  try {
    await ensureDatabase(cluster, "fundline_bench");
    const database = { url: cluster.urlFor("fundline_bench") };
    await applyMigrations(database.url);
    const built = performance.now();
    log("\nBuilding the portfolio (running totals kept by the triggers as rows go in):");
    await withClient(database.url, (client) => buildSyntheticPortfolio(client, log));
    log(`  built in ${((performance.now() - built) / 1000).toFixed(1)} s`);

    log("\nThe same figures from scratch over the raw rows:");
    const bare = await withClient(database.url, async (client) => {
      const times: number[] = [];
      let figures: Record<string, unknown> = {};
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        figures = (await client.query(FROM_SCRATCH)).rows[0];
        times.push(performance.now() - started);
      }
      return {
        median: percentile(
          times.sort((a, b) => a - b),
          50,
        ),
        figures,
      };
    });
    log(`  one bare SQL query: ${ms(bare.median)} (median of 5) → ${JSON.stringify(bare.figures)}`);

    const inJavaScript = await withClient(database.url, async (client) => {
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const result = await client.query({
        text: `SELECT "costLineId", "amountPence" FROM "Spend" WHERE "retiredAt" IS NULL`,
        rowMode: "array",
      });
      const byLine = new Map<string, bigint>();
      for (const [line, pence] of result.rows as [string, string][])
        byLine.set(line, (byLine.get(line) ?? 0n) + BigInt(pence));
      const elapsed = performance.now() - started;
      return { elapsed, rssGrowth: process.memoryUsage().rss - rssBefore, lines: byLine.size };
    });
    log(
      `  loading the rows into JavaScript to add them up: ${ms(inJavaScript.elapsed)}, ${(inJavaScript.rssGrowth / 1e6).toFixed(0)} MB more memory (${inJavaScript.lines.toLocaleString("en-GB")} lines)`,
    );

    log("\nThe API under load:");
    const port = await freePort();
    server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: API_DIR,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        FUNDLINE_SEED: "none",
        LOG_LEVEL: "warn",
        FUNDLINE_ADMIN_EMAIL: ADMIN.email,
        FUNDLINE_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      server?.stdout?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (text.includes("Fundline is running")) resolve();
        // The server logs warnings and errors only; show them.
        else if (text.startsWith("{")) process.stderr.write(`  server: ${text}`);
      });
      server?.on("exit", (code) => reject(new Error(`the API server exited (${code}) before it was ready`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    if (!signIn.ok) throw new Error(`signing in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

    const endpoints = [
      { label: "GET /api/reconciliation (portfolio, first page)", path: "/api/reconciliation" },
      { label: "GET /api/reconciliation?severity=high", path: "/api/reconciliation?severity=high" },
      { label: "GET /api/programmes (first page)", path: "/api/programmes" },
    ];
    const first = await fetch(`${base}/api/reconciliation?pageSize=1`, { headers: { cookie } });
    if (!first.ok) throw new Error(`the portfolio answered ${first.status}: ${await first.text()}`);
    const summary = (await first.json()) as {
      totals: { flags: number; programmesFlagged: number; programmes: number; bySeverity: Record<string, number> };
    };
    log(
      `  portfolio: ${summary.totals.flags} open flags on ${summary.totals.programmesFlagged} of ${summary.totals.programmes} programmes ${JSON.stringify(summary.totals.bySeverity)}`,
    );
    const results: { label: string; p50: number; p95: number; requests: number; errors: number }[] = [];
    for (const endpoint of endpoints) {
      const latencies: number[] = [];
      let errors = 0;
      await new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `${base}${endpoint.path}`,
            connections: LOAD.connections,
            duration: LOAD.seconds,
            headers: { cookie },
          },
          (error) => (error ? reject(error) : resolve()),
        );
        instance.on("response", (_client, statusCode, _bytes, responseTime) => {
          if (statusCode === 200) latencies.push(responseTime);
          else errors++;
        });
      });
      latencies.sort((a, b) => a - b);
      results.push({
        label: endpoint.label,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        requests: latencies.length,
        errors,
      });
      const last = results.at(-1)!;
      log(
        `  ${last.label}: p50 ${ms(last.p50)}, p95 ${ms(last.p95)} (${last.requests} requests, ${LOAD.connections} concurrent, ${LOAD.seconds} s, ${last.errors} errors)`,
      );
    }
    const portfolio = results[0]!;
    log(
      `  portfolio p95 against the bare from-scratch query: ${(bare.median / portfolio.p95).toFixed(1)}× faster (${ms(portfolio.p95)} vs ${ms(bare.median)})`,
    );

    const status = await readFile(`/proc/${server.pid}/status`, "utf8").catch(() => "");
    const peak = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    log(
      `\nAPI server peak memory (resident): ${peak ? `${(Number(peak) / 1024).toFixed(0)} MB` : "not available on this platform"}`,
    );
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await cluster.stop();
  }
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error("The bench failed:", error);
  process.exit(1);
});
