// The API as its own process, signed in, for the bench and the load test: starting it, reading
// its memory, importing a ledger file into it, and writing such a file.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, openAsBlob } from "node:fs";
import { chmod, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@fundline/db";
import { LINES } from "./synthetic-portfolio.ts";

const API_DIR = fileURLToPath(new URL("../../apps/api", import.meta.url));
export const ADMIN = { email: "load.test@council.example", password: "portfolio load test passphrase 2026" };

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export type ImportResult = { importable: number; skipped: number; duplicates: number };

export type RunningServer = {
  pid: number;
  getJson: <T>(path: string) => Promise<T>;
  importCsv: (path: string) => Promise<ImportResult & { phases: Record<string, number> }>;
  /** POSTs JSON as the signed-in administrator; answers the status code. */
  postJson: (path: string, body: object) => Promise<number>;
  base: string;
  cookie: string;
  /** The signed-in administrator's CSRF token, for writes sent by other means (the load test). */
  csrfToken: string;
  stop: () => Promise<void>;
};

/**
 * The API as its own process (so its memory is its own), run as `pnpm start` runs it (the built
 * dist/server.mjs), signed in as an administrator.
 */
export async function startServer(databaseUrl: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  if (!existsSync(join(API_DIR, "dist", "server.mjs")))
    throw new Error("The API is not built: run `pnpm build` first.");
  const child: ChildProcess = spawn(process.execPath, await startArguments(), {
    cwd: API_DIR,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      FUNDLINE_SEED: "none",
      // Measured alone: no weekly emails composed for the bench's thousands of people at start.
      FUNDLINE_WEEKLY_DIGESTS: "off",
      LOG_LEVEL: "warn",
      FUNDLINE_ADMIN_EMAIL: ADMIN.email,
      FUNDLINE_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("Fundline is running")) resolve();
      // The server logs warnings and errors only; show them.
      else if (text.startsWith("{")) process.stderr.write(`  server: ${text}`);
    });
    child.on("exit", (code) => reject(new Error(`the API server exited (${code}) before it was ready`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (!signIn.ok) throw new Error(`signing in failed: ${signIn.status} ${await signIn.text()}`);
  // The session's cookie only (with replicas, a sign-in also sets the short-lived `fundline_wrote`).
  const cookie =
    signIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0] ?? "")
      .find((pair) => pair.split("=")[0]?.endsWith("fundline_session")) ?? "";
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return {
    pid: child.pid ?? 0,
    base,
    cookie,
    csrfToken,
    getJson: async <T>(path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    postJson: async (path: string, body: object) => {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    },
    importCsv: async (path: string) => {
      const form = new FormData();
      form.append("mode", "commit");
      form.append("sourceName", "Bench ledger");
      form.append("mapping", JSON.stringify(BENCH_MAPPING));
      form.append("file", await openAsBlob(path), "ledger.csv");
      const started = performance.now();
      const response = await fetch(`${base}/api/imports/spend`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, accept: "application/x-ndjson" },
        body: form,
      });
      if (!response.ok || !response.body)
        throw new Error(`the import answered ${response.status}: ${await response.text()}`);
      // Progress events as they arrive: when each phase began, for the breakdown.
      const phases: Record<string, number> = {};
      let result: ImportResult | undefined;
      let pending = "";
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as { type: string; phase?: string; result?: ImportResult; message?: string };
          if (event.type === "progress" && event.phase && !(event.phase in phases))
            phases[event.phase] = performance.now() - started;
          if (event.type === "error") throw new Error(`the import failed: ${event.message}`);
          if (event.type === "result") result = event.result;
        }
      }
      if (!result) throw new Error("the import ended without a result");
      return { ...result, phases: { ...phases, done: performance.now() - started } };
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Node's arguments in the API's `start` script (`node <flags> dist/server.mjs`), so the bench runs exactly that. */
async function startArguments(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(join(API_DIR, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`the API's start script is not \`node …\`: ${scripts.start}`);
  return args;
}

/** The server's peak resident memory so far (Linux's VmHWM), as "123 MB". */
export const peakMemory = (server: RunningServer) => memoryFigure(server, "VmHWM");
/** The server's resident memory now (VmRSS). */
export const residentMemory = (server: RunningServer) => memoryFigure(server, "VmRSS");

async function memoryFigure(server: RunningServer, field: "VmHWM" | "VmRSS"): Promise<string> {
  const status = await readFile(`/proc/${server.pid}/status`, "utf8").catch(() => "");
  const kilobytes = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kilobytes ? `${(Number(kilobytes) / 1024).toFixed(0)} MB` : "not available on this platform";
}

export const BENCH_MAPPING = {
  spentOn: "Date Paid",
  transactionId: "Transaction No",
  costLineCode: "Cost Centre",
  supplierName: "Supplier Name",
  purpose: "Expense Type",
  amount: "Net Amount",
};

/** A ledger export of `rows` payments to the bench's cost lines, written as a stream. */
export async function writeLedgerCsv(
  rows: number,
  transactionPrefix = "LEDGER",
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = join(tmpdir(), `fundline-bench-ledger-${randomBytes(4).toString("hex")}.csv`);
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write("Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount\n");
  for (let n = 0; n < rows; n++) {
    const day = String((n % 28) + 1).padStart(2, "0");
    const month = String((n % 12) + 1).padStart(2, "0");
    await write(
      `${day}/${month}/2025,${transactionPrefix}-${n},BENCH-${(n * 7) % LINES},Ledger supplier ${n % 997},Services,"${(n % 5000) + 1}.${String(n % 100).padStart(2, "0")}"\n`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await chmod(path, 0o644); // the database server reads it for the bare COPY
  return { path, remove: () => rm(path, { force: true }) };
}
