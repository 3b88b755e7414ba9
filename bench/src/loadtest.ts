// pnpm loadtest: a bounded, fixed-rate, mixed workload against two locally started Fundline
// servers on the bench portfolio, on one primary PostgreSQL and one streaming replica (the reads
// that may lag go there), then a check of the primary: every acknowledged write present exactly
// once, every running total equal to a recompute, no commitment allocated past its amount.
// Without pg_basebackup (Debian's postgresql-client) there is no replica, and it says so.
// A script, not a test: it prints figures. LOADTEST_SECONDS (60) sets the length; a run of 600
// is the soak (memory, connections and open files printed every minute).
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import {
  applyMigrations,
  createPrismaClient,
  ensureDatabase,
  freePort,
  type RunningPostgres,
  startEmbeddedPostgres,
  withClient,
} from "@fundline/db";
import { PG_BASEBACKUP, startPrimaryWithReplica } from "@fundline/db/streaming-replica";
import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";
import { runningTotalsDrift } from "../../apps/api/src/features/reconciliation/index.ts";
import { type RunningServer, startServer, writeLedgerCsv } from "./bench-server.ts";
import { buildSyntheticPortfolio, LINES, SIZE, SPEND_ROWS } from "./synthetic-portfolio.ts";

const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 60);
const IMPORT_ROWS = Number(process.env.LOADTEST_IMPORT_ROWS ?? 20_000);
/** Requests a second for each kind: reads outnumber writes, as in a council's working day. */
const RATES = {
  dashboard: 4,
  portfolio: 4,
  programmePage: 16,
  programmeMoney: 8,
  milestoneUpdate: 6,
  spendEntry: 6,
  allocationRace: 6,
} as const;
type Kind = keyof typeof RATES;
/** Per kind and server: each kind's rate is split evenly between the two servers. */
const CONNECTIONS_PER_KIND = 2;
const SERVERS = 2;
/** Commitments the allocations race for: £100 each, allocated £3.00 at a time, so most requests find them spent. */
const RACE = { commitments: 3, amountPence: 10_000, slicePence: 300 };
const MILESTONES = 24;

const log = (line = "") => console.log(line);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

type Tally = {
  latency: hdr.Histogram;
  byClass: Record<string, number>;
  requests: number;
};

async function main() {
  log(`Fundline load test — ${new Date().toISOString()}, ${process.platform}/${process.arch}, Node ${process.version}`);
  log(
    `Portfolio: ${SIZE.programmes.toLocaleString("en-GB")} programmes, ${LINES.toLocaleString("en-GB")} cost lines, ${SPEND_ROWS.toLocaleString("en-GB")} spend rows; ${SECONDS} s at ${Object.values(RATES).reduce((a, b) => a + b, 0)} requests/s plus a ${IMPORT_ROWS.toLocaleString("en-GB")}-row import`,
  );
  const prepare = async (primary: RunningPostgres) => {
    await ensureDatabase(primary, "fundline_load");
    await applyMigrations(primary.urlFor("fundline_load"));
    log("\nBuilding the bench portfolio:");
    await withClient(primary.urlFor("fundline_load"), (client) => buildSyntheticPortfolio(client, log));
  };
  // The replica is copied once the portfolio is built, and replays everything written after.
  const databases = PG_BASEBACKUP
    ? await startPrimaryWithReplica(prepare)
    : await (async () => {
        const primary = await startEmbeddedPostgres({
          dataDir: `/tmp/fundline-loadtest-${process.pid}-${randomBytes(4).toString("hex")}`,
          port: await freePort(),
          persistent: false,
        });
        await prepare(primary);
        return { primary, replicaUrlFor: undefined, stop: () => primary.stop() };
      })();
  const url = databases.primary.urlFor("fundline_load");
  const replicaUrl = databases.replicaUrlFor?.("fundline_load");
  log(
    replicaUrl
      ? "\nDatabases: a primary PostgreSQL 15 and a streaming replica of it (pg_basebackup)"
      : "\nDatabases: one PostgreSQL, no replica (pg_basebackup is not installed: apt-get install postgresql-client)",
  );
  const servers: RunningServer[] = [];
  process.once("SIGINT", () => {
    void Promise.all(servers.map((server) => server.stop()))
      .then(() => databases.stop())
      .finally(() => process.exit(130));
  });
  try {
    const subjects = await prepareSubjects(url);

    const metricsPorts = [await freePort(), await freePort()];
    for (const port of metricsPorts) {
      servers.push(
        await startServer(url, {
          FUNDLINE_METRICS_PORT: String(port),
          ...(replicaUrl && { DATABASE_REPLICA_URLS: replicaUrl }),
        }),
      );
    }
    const metricsOf = metricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`);
    const metricsNow = () =>
      Promise.all(metricsOf.map((metrics) => fetch(metrics).then((response) => response.text())));
    const sumOf = (texts: string[], series: string) =>
      texts.reduce((total, text) => total + metricValue(text, series), 0);
    const before = await metricsNow();
    const retriesBefore = sumOf(before, "fundline_transaction_retries_total");
    const running = servers[0] as RunningServer;
    const acknowledged = {
      spend: new Set<string>(),
      allocations: new Set<string>(),
      milestonePatches: new Map<string, number>(),
    };

    // Each server's weight and handles, at the start and each minute (the soak's figures).
    const resources = servers.map((server, index) =>
      startResourceWatch(`server ${index + 1}`, server.pid, url, metricsOf[index] as string),
    );
    log(
      `\nLoad (${SECONDS} s, ${CONNECTIONS_PER_KIND} connections per kind on each of ${SERVERS} servers, each kind's rate split between them, fixed rates, latencies corrected for coordinated omission):`,
    );
    const importDone = new Promise<string>((resolve) => {
      setTimeout(async () => {
        const csv = await writeLedgerCsv(IMPORT_ROWS);
        const started = performance.now();
        try {
          const result = await running.importCsv(csv.path);
          resolve(
            `${result.importable.toLocaleString("en-GB")} rows imported in ${((performance.now() - started) / 1000).toFixed(1)} s, during the load`,
          );
        } catch (error) {
          resolve(`failed: ${(error as Error).message}`);
        } finally {
          await csv.remove();
        }
      }, 5_000);
    });

    const tallies = await Promise.all(
      (Object.keys(RATES) as Kind[]).map((kind) => runKind(kind, servers, subjects, acknowledged)),
    );
    const importSummary = await importDone;
    const watched = resources.map((resource) => resource.stop());
    const after = await metricsNow();
    const retries = sumOf(after, "fundline_transaction_retries_total") - retriesBefore;
    const reads = (database: string) => {
      const series = `fundline_reads_that_may_lag_total{database="${database}"}`;
      return sumOf(after, series) - sumOf(before, series);
    };

    log(
      `\n  ${"request kind".padEnd(18)} ${"req/s".padStart(6)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}  by class`,
    );
    let total = 0;
    for (const [index, kind] of (Object.keys(RATES) as Kind[]).entries()) {
      const tally = tallies[index] as Tally;
      total += tally.requests;
      const at = (p: number) => `${(tally.latency.getValueAtPercentile(p) / 1000).toFixed(1)}`;
      log(
        `  ${kind.padEnd(18)} ${(tally.requests / SECONDS).toFixed(1).padStart(6)} ${at(50).padStart(6)}ms ${at(95).padStart(6)}ms ${at(99).padStart(6)}ms ${(tally.latency.maxValue / 1000).toFixed(1).padStart(6)}ms  ${Object.entries(
          tally.byClass,
        )
          .map(([name, count]) => `${name} ${count}`)
          .join(", ")}`,
      );
    }
    log(
      `  throughput: ${(total / SECONDS).toFixed(1)} requests/s over ${SECONDS} s (${total.toLocaleString("en-GB")} requests)`,
    );
    log(`  the import: ${importSummary}`);
    log(`  transactions retried after a serialization failure or deadlock: ${retries}`);
    for (const [index, { peakWaiting, peakRss, peakLagMs }] of watched.entries()) {
      log(
        `  server ${index + 1}: peak resident memory ${mb(peakRss)}, peak requests waiting for a database connection ${peakWaiting}${replicaUrl ? `, replica's lag at most ${peakLagMs.toFixed(0)} ms as it measured` : ""}`,
      );
    }
    if (replicaUrl) {
      const [replica, primary, fellBack] = [reads("replica"), reads("primary"), reads("primary_fallback")];
      log(
        `  reads that may lag: ${replica.toLocaleString("en-GB")} on the replica, ${primary.toLocaleString("en-GB")} on the primary (no replica caught up), ${fellBack} read again on the primary after the replica failed`,
      );
    }

    log("\nThe database afterwards:");
    const { checks, unanswered } = await checkDatabase(url, subjects, acknowledged);
    for (const [name, count] of Object.entries(checks)) log(`  ${name}: ${count}`);
    log(
      `  (not errors: ${unanswered.payments} payments and ${unanswered.milestoneChanges} milestone changes were applied but their answers not read, the run ending first)`,
    );
    const failed = Object.values(checks).some((count) => count !== 0);
    log(
      failed
        ? "\nSOMETHING IS WRONG: see the figures above."
        : "\nAll checks 0: nothing lost, nothing doubled, every total exact.",
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await databases.stop();
  }
}

type Subjects = {
  programmes: string[];
  lines: { id: string; programmeId: string }[];
  race: { commitmentId: string; programmeId: string; lines: string[] }[];
  milestones: { id: string; version: number }[];
};

/** What the writes write to: programmes and lines to pay, commitments to race for, milestones to move. */
async function prepareSubjects(url: string): Promise<Subjects> {
  return withClient(url, async (client) => {
    const programmes = (
      await client.query<{ id: string }>(`SELECT id::text FROM "Programme" ORDER BY random() LIMIT 500`)
    ).rows.map((row) => row.id);
    const lines = (
      await client.query<{ id: string; programmeId: string }>(
        `SELECT id::text, "programmeId"::text FROM "CostLine" WHERE "programmeId" = ANY($1::uuid[])`,
        [programmes.slice(0, 50)],
      )
    ).rows;
    const race = [];
    for (let n = 0; n < RACE.commitments; n++) {
      const programmeId = programmes[n] as string;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "FundingCommitment" ("fundId", "programmeId", title, "amountPence", status)
         VALUES (bench_uuid('fund' || 1), $1, 'Load test race ' || $2, $3, 'awarded') RETURNING id::text`,
        [programmeId, n, RACE.amountPence],
      );
      const raceLines = lines.filter((line) => line.programmeId === programmeId).map((line) => line.id);
      race.push({ commitmentId: rows[0]?.id as string, programmeId, lines: raceLines });
    }
    const milestones = (
      await client.query<{ id: string; version: number }>(
        `INSERT INTO "Milestone" ("programmeId", description, status, "baselineOn")
         SELECT id, 'Load test milestone', 'on_track', date '2026-06-01' FROM unnest($1::uuid[]) id
         RETURNING id::text, version`,
        [programmes.slice(0, MILESTONES)],
      )
    ).rows;
    return { programmes, lines, race, milestones };
  });
}

type Acknowledged = { spend: Set<string>; allocations: Set<string>; milestonePatches: Map<string, number> };

/**
 * One kind of request at its fixed rate for the run, split evenly between the servers (as a
 * round-robin load balancer would), its latencies corrected for coordinated omission.
 */
async function runKind(
  kind: Kind,
  servers: RunningServer[],
  subjects: Subjects,
  acknowledged: Acknowledged,
): Promise<Tally> {
  const latency = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const tally: Tally = { latency, byClass: {}, requests: 0 };
  const rate = RATES[kind] / servers.length;
  // Each connection should send one request every this many microseconds.
  const expectedInterval = (CONNECTIONS_PER_KIND * 1_000_000) / rate;
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)] as T;
  const versions = new Map(subjects.milestones.map((milestone) => [milestone.id, milestone.version]));
  const json = { "content-type": "application/json" };
  let counter = 0;

  const request = (): autocannon.Request => {
    switch (kind) {
      case "dashboard":
        return { method: "GET", path: "/api/dashboard" };
      case "portfolio":
        return { method: "GET", path: "/api/reconciliation" };
      case "programmePage":
        return {
          method: "GET",
          setupRequest: (req) => ({ ...req, path: `/api/programmes/${pick(subjects.programmes)}` }),
        };
      case "programmeMoney":
        return {
          method: "GET",
          setupRequest: (req) => ({ ...req, path: `/api/programmes/${pick(subjects.programmes)}/reconciliation` }),
        };
      case "milestoneUpdate":
        return {
          method: "PATCH",
          setupRequest: (req, context) => {
            const milestone = pick(subjects.milestones);
            (context as { milestone?: string }).milestone = milestone.id;
            const day = String((counter++ % 28) + 1).padStart(2, "0");
            return {
              ...req,
              path: `/api/milestones/${milestone.id}`,
              headers: { ...req.headers, ...json },
              body: JSON.stringify({
                version: versions.get(milestone.id),
                forecastOn: `2026-07-${day}`,
                note: "Load test",
              }),
            };
          },
          onResponse: (status, body, context) => {
            const id = (context as { milestone?: string }).milestone as string;
            if (status === 200) {
              versions.set(id, (JSON.parse(body) as { version: number }).version);
              acknowledged.milestonePatches.set(id, (acknowledged.milestonePatches.get(id) ?? 0) + 1);
            } else if (status === 409) {
              const current = (JSON.parse(body) as { current?: { version: number } }).current;
              if (current) versions.set(id, current.version);
            }
          },
        };
      case "spendEntry":
        return {
          method: "POST",
          path: "/api/spend",
          setupRequest: (req) => {
            const line = pick(subjects.lines);
            return {
              ...req,
              headers: { ...req.headers, ...json, "idempotency-key": randomUUID() },
              body: JSON.stringify({
                programmeId: line.programmeId,
                costLineId: line.id,
                spentOn: "2025-06-30",
                amountPence: 100 + Math.floor(Math.random() * 100_000),
                supplierName: "Load test supplier",
                reference: `LOAD-${randomUUID()}`,
              }),
            };
          },
          onResponse: (status, body) => {
            if (status === 201) acknowledged.spend.add((JSON.parse(body) as { id: string }).id);
          },
        };
      case "allocationRace":
        return {
          method: "POST",
          path: "/api/allocations",
          setupRequest: (req) => {
            const race = pick(subjects.race);
            return {
              ...req,
              headers: { ...req.headers, ...json, "idempotency-key": randomUUID() },
              body: JSON.stringify({
                commitmentId: race.commitmentId,
                costLineId: pick(race.lines),
                amountPence: RACE.slicePence,
              }),
            };
          },
          onResponse: (status, body) => {
            if (status === 201) acknowledged.allocations.add((JSON.parse(body) as { id: string }).id);
          },
        };
    }
  };

  const runOn = (server: RunningServer) =>
    new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.base,
          connections: CONNECTIONS_PER_KIND,
          overallRate: rate,
          duration: SECONDS,
          timeout: 10,
          headers: { cookie: server.cookie, "x-csrf-token": server.csrfToken },
          requests: [request()],
        },
        (error, result) => {
          if (error) return reject(error);
          if (result.timeouts) tally.byClass.timeouts = (tally.byClass.timeouts ?? 0) + result.timeouts;
          if (result.errors - result.timeouts > 0)
            tally.byClass["connection errors"] =
              (tally.byClass["connection errors"] ?? 0) + result.errors - result.timeouts;
          resolve();
        },
      );
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        tally.requests++;
        latency.recordValueWithExpectedInterval(Math.max(1, Math.round(responseTime * 1000)), expectedInterval);
        const name = statusClass(statusCode);
        tally.byClass[name] = (tally.byClass[name] ?? 0) + 1;
      });
    });
  await Promise.all(servers.map(runOn));
  return tally;
}

function statusClass(status: number): string {
  if (status >= 500) return "5xx";
  if ([409, 422, 429].includes(status)) return String(status);
  if (status >= 400) return "other 4xx";
  return "2xx";
}

function metricValue(text: string, name: string): number {
  const line = text.split("\n").find((each) => each.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

/**
 * Samples a server's memory, its pool's waiting requests and its replica's lag every 250 ms;
 * prints memory, connections and open files each minute.
 */
function startResourceWatch(name: string, pid: number, databaseUrl: string, metrics: string) {
  let peakWaiting = 0;
  let peakRss = 0;
  let peakLagMs = 0;
  const rssOf = async () => {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  };
  const started = Date.now();
  // A report that cannot be made (the cluster stopping under it) is skipped, never fatal.
  const report = (label: string) => reportOnce(label).catch(() => {});
  const reportOnce = async (label: string) => {
    const rss = await rssOf();
    const files = (await readdir(`/proc/${pid}/fd`).catch(() => [])).length;
    const connections = await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return rows[0]?.count ?? 0;
    });
    log(`  [${label}] ${name} resident memory ${mb(rss)}, database connections ${connections}, open files ${files}`);
  };
  void report("start");
  const sampler = setInterval(async () => {
    const text = await fetch(metrics).then(
      (response) => response.text(),
      () => "",
    );
    peakWaiting = Math.max(peakWaiting, metricValue(text, "fundline_db_pool_waiting"));
    peakRss = Math.max(peakRss, await rssOf());
    for (const line of text.split("\n")) {
      const lag = line.startsWith("fundline_replica_lag_seconds{") ? Number(line.split(" ").at(-1)) : Number.NaN;
      if (Number.isFinite(lag)) peakLagMs = Math.max(peakLagMs, lag * 1000);
    }
  }, 250);
  const minutes = setInterval(() => void report(`${Math.round((Date.now() - started) / 60_000)} min`), 60_000);
  return {
    stop: () => {
      clearInterval(sampler);
      clearInterval(minutes);
      void report("end");
      return { peakWaiting, peakRss, peakLagMs };
    },
  };
}

/** Every acknowledged write present exactly once; totals exact; no commitment allocated past its amount. */
async function checkDatabase(url: string, subjects: Subjects, acknowledged: Acknowledged) {
  const prisma = createPrismaClient(url, { statementTimeoutMs: 600_000 });
  try {
    return await withClient(url, async (client) => {
      const count = async (sql: string, values: unknown[]) =>
        Number((await client.query(sql, values)).rows[0]?.count ?? 0);
      const spendIds = [...acknowledged.spend];
      const allocationIds = [...acknowledged.allocations];
      const spendPresent = await count(`SELECT count(*) FROM "Spend" WHERE id = ANY($1::uuid[])`, [spendIds]);
      const allocationsPresent = await count(`SELECT count(*) FROM "Allocation" WHERE id = ANY($1::uuid[])`, [
        allocationIds,
      ]);
      // One row per reference: a retried or replayed request never records twice.
      const spendDuplicated = await count(
        `SELECT coalesce(sum(n - 1), 0) AS count FROM (SELECT count(*) AS n FROM "Spend" WHERE reference LIKE 'LOAD-%' GROUP BY reference) counted`,
        [],
      );
      const overAllocated = await count(
        `SELECT count(*) FROM "FundingCommitment" commitment
         WHERE commitment.id = ANY($1::uuid[]) AND commitment."amountPence" <
           (SELECT coalesce(sum("amountPence"), 0) FROM "Allocation" WHERE "commitmentId" = commitment.id AND "retiredAt" IS NULL)`,
        [subjects.race.map((race) => race.commitmentId)],
      );
      // Each acknowledged change to a milestone moved its version on by one: none overwritten
      // unseen. A change applied but never acknowledged (its answer cut off when the run ended)
      // moves it too, and is counted apart: the client was never told it failed.
      let milestoneLost = 0;
      let milestoneUnanswered = 0;
      for (const milestone of subjects.milestones) {
        const version = await count(`SELECT version AS count FROM "Milestone" WHERE id = $1`, [milestone.id]);
        const difference = version - milestone.version - (acknowledged.milestonePatches.get(milestone.id) ?? 0);
        if (difference < 0) milestoneLost -= difference;
        else milestoneUnanswered += difference;
      }
      const spendRecorded = await count(`SELECT count(*) FROM "Spend" WHERE reference LIKE 'LOAD-%'`, []);

      const drift = await runningTotalsDrift(prisma);
      const checks = {
        "acknowledged payments missing": spendIds.length - spendPresent,
        "acknowledged allocations missing": allocationIds.length - allocationsPresent,
        "acknowledged milestone changes lost": milestoneLost,
        "payments recorded twice": spendDuplicated,
        "commitments allocated past their amount (invariant)": overAllocated,
        "running totals differing from a recompute": drift.length,
      };
      // Writes applied whose answers the load generator never read (cut off as the run ended).
      const unanswered = { payments: spendRecorded - spendPresent, milestoneChanges: milestoneUnanswered };
      return { checks, unanswered };
    });
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("The load test failed:", error);
  process.exit(1);
});
