// Fundline through a real PgBouncer in transaction mode, with fewer server connections than the
// app's own pool: every statement may land on a different PostgreSQL connection than the last,
// so anything that relied on session state (a setting, a temporary table, a prepared statement,
// a session lock) would break here. Writes, money under concurrency, a ledger import (COPY and
// temporary tables), an as-at read and kept results are driven through it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningTotalsDrift } from "../features/reconciliation/index.ts";
import { uploadLedger } from "./ledger-upload.ts";
import { PGBOUNCER, type RunningPgBouncer, startPgBouncer } from "./pgbouncer.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "./test-app.ts";

// CI installs Debian's pgbouncer and says so; elsewhere the test runs where it is installed.
const required = Boolean(process.env.FUNDLINE_TEST_PGBOUNCER);
const POOL_SIZE = 3;

describe.skipIf(!PGBOUNCER && !required)("through PgBouncer in transaction mode", () => {
  let bouncer: RunningPgBouncer;
  let test: TestApp;
  let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
  beforeAll(async () => {
    test = await buildTestApp({
      connectThrough: async (databaseUrl) => {
        bouncer = await startPgBouncer(databaseUrl, { poolSize: POOL_SIZE });
        return bouncer.url;
      },
    });
    dartington = await seedAndFindDartington(test.prisma);
  });
  afterAll(async () => {
    await test?.close();
    await bouncer?.stop();
  });

  it("is transaction pooling, with fewer server connections than the app holds", async () => {
    const config = new Map((await bouncer.show("SHOW CONFIG")).map((row) => [row.key, row.value]));
    expect(config.get("pool_mode")).toBe("transaction");
    const [database] = (await bouncer.show("SHOW DATABASES")).filter((row) => row.name !== "pgbouncer");
    expect(Number(database?.pool_size)).toBe(POOL_SIZE);
  });

  it("keeps every penny of forty payments recorded at once, while dashboards are read", async () => {
    const before = (
      await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId: dartington.programmeId } })
    ).spentPence;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 4 === 3
          ? test.inject({ method: "GET", url: "/api/dashboard" })
          : test.inject({
              method: "POST",
              url: "/api/spend",
              payload: {
                programmeId: dartington.programmeId,
                costLineId: dartington.costLineId,
                spentOn: "2020-09-01",
                amountPence: 10_001,
                supplierName: "Pooled supplier",
              },
            }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).filter((status) => status >= 300)).toEqual([]);
    const after = (
      await test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId: dartington.programmeId } })
    ).spentPence;
    expect(after - before).toBe(30n * 10_001n);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    // The dashboard kept between writes still answers the figure as it now is.
    const dashboard = (
      await test.inject({ method: "GET", url: `/api/dashboard?programmeId=${dartington.programmeId}` })
    ).json();
    expect(dashboard.headline.spentPence).toBe(Number(after));
    const pools = await bouncer.show("SHOW POOLS");
    const servers = pools.reduce(
      (sum, pool) => sum + Number(pool.sv_active) + Number(pool.sv_idle) + Number(pool.sv_used),
      0,
    );
    expect(servers).toBeLessThanOrEqual(POOL_SIZE);
  });

  it("imports a ledger (COPY into temporary tables, a longer statement limit) and refuses a stale edit with 409", async () => {
    const header = "Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount";
    const mapping = JSON.stringify({
      spentOn: "Date Paid",
      amount: "Net Amount",
      costLineCode: "Cost Centre",
      supplierName: "Supplier Name",
      transactionId: "Transaction No",
      purpose: "Expense Type",
    });
    const ledger = [header, "27/09/2020,P-1,EY-DSDL,Dartington Service Design Lab,Consultancy,12.34"].join("\n");
    const committed = await uploadLedger(
      test,
      { mode: "commit", sourceName: "Pooled ledger", mapping },
      { name: "pooled.csv", content: ledger },
    );
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json().batch).toMatchObject({ rowCount: 1, totalPence: 1_234 });

    const payment = await test.prisma.spend.findFirstOrThrow({ where: { supplierName: "Pooled supplier" } });
    const edit = (version: number) =>
      test.inject({ method: "PATCH", url: `/api/spend/${payment.id}`, payload: { version, purpose: "Pooled" } });
    expect((await edit(payment.version)).statusCode).toBe(200);
    expect((await edit(payment.version)).statusCode).toBe(409);
  });

  it("answers figures as at a past moment (temporary copies and a transaction-local search path)", async () => {
    const moment = new Date().toISOString();
    await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId: dartington.programmeId,
        costLineId: dartington.costLineId,
        spentOn: "2020-09-02",
        amountPence: 999,
        supplierName: "After the moment",
      },
    });
    const live = (
      await test.inject({ method: "GET", url: `/api/dashboard?programmeId=${dartington.programmeId}` })
    ).json();
    const then = await test.inject({
      method: "GET",
      url: `/api/dashboard?programmeId=${dartington.programmeId}&asAt=${encodeURIComponent(moment)}`,
    });
    expect(then.statusCode, then.body).toBe(200);
    expect(live.headline.spentPence - then.json().headline.spentPence).toBe(999);
    // Nothing of the as-at read's session is left on the connections others now use.
    const searchPath = await test.prisma.$queryRaw<{ search_path: string }[]>`SHOW search_path`;
    expect(searchPath[0]?.search_path).not.toContain("as_at");
  });
});
