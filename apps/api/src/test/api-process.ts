// Fundline as a real process, for the tests that must stop it: SIGTERM, SIGKILL, restarts.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "@fundline/db";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const DEMO_PASSWORD = "process lifecycle passphrase";

export type ApiProcess = {
  base: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
  signIn: (email: string) => Promise<{ cookie: string; csrfToken: string }>;
};

/** Starts `src/server.ts` with the demo data and users (development), resolving once it listens. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      FUNDLINE_SEED: "demo",
      FUNDLINE_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 120 s:\n${output}`)), 120_000);
    const check = setInterval(() => {
      if (output.includes("Fundline is running")) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before it was ready:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    child,
    output: () => output,
    exited,
    signIn: async (email) => {
      const response = await fetch(`${base}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (!response.ok) throw new Error(`signing in failed: ${response.status} ${await response.text()}`);
      const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie, csrfToken };
    },
  };
}

/** A ledger CSV of `rows` payments of £1.00 on the Dartington line (EY-DSDL), each its own transaction. */
export function ledgerCsv(rows: number, prefix = "LIFE"): string {
  const lines = ["Date Paid,Transaction No,Cost Centre,Supplier Name,Net Amount"];
  for (let row = 1; row <= rows; row++) lines.push(`14/01/2020,${prefix}-${row},EY-DSDL,Lifecycle Supplies Ltd,1.00`);
  return `${lines.join("\n")}\n`;
}

export const LEDGER_MAPPING = {
  spentOn: "Date Paid",
  transactionId: "Transaction No",
  costLineCode: "Cost Centre",
  supplierName: "Supplier Name",
  amount: "Net Amount",
};

type ImportEvent = { type: string; phase?: string; rowsRead?: number; result?: { batch: { rowCount: number } | null } };

/**
 * Sends a ledger import (commit) and reads its progress events, calling `onEvent` with each; the
 * answer's result, or null if the connection ended without one (the server was killed, or
 * `signal` aborted the request).
 */
export async function importLedger(
  api: ApiProcess,
  session: { cookie: string; csrfToken: string },
  csv: string,
  onEvent: (event: ImportEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<ImportEvent["result"] | null> {
  const form = new FormData();
  form.append("mode", "commit");
  form.append("sourceName", "Lifecycle ledger");
  form.append("mapping", JSON.stringify(LEDGER_MAPPING));
  form.append("file", new Blob([csv], { type: "text/csv" }), "ledger.csv");
  let result: ImportEvent["result"] | null = null;
  try {
    const response = await fetch(`${api.base}/api/imports/spend`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, accept: "application/x-ndjson" },
      body: form,
      signal,
    });
    if (!response.body) return null;
    let pending = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as ImportEvent;
        onEvent(event);
        if (event.type === "result") result = event.result ?? null;
      }
    }
  } catch {
    // The connection was cut: the server stopped mid-import, or the reader went away (`signal`).
  }
  return result;
}
