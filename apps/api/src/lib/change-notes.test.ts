import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTestApp, type TestApp } from "../test/test-app.ts";
import { keptResults } from "./change-notes.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

/** A committed write as the triggers note it: a transaction that changed a programme's figures. */
const commitAWrite = () =>
  test.prisma.$executeRaw`INSERT INTO "ReconciliationChange" ("transactionId", "programmeIds")
                          VALUES (pg_current_xact_id()::text::bigint, '{}')`;

/**
 * A computation that waits until `release` is called (or, once `open`, runs straight through),
 * noting each time it is run.
 */
function gatedComputation() {
  const runs: string[] = [];
  let release = () => {};
  let open = false;
  const compute = (label: string) => () => {
    runs.push(label);
    if (open) return Promise.resolve(label);
    return new Promise<string>((resolve) => {
      release = () => resolve(label);
    });
  };
  return {
    runs,
    compute,
    release: () => release(),
    open: () => {
      open = true;
      release();
    },
  };
}

/** Until the computation has been started `count` times in all. */
const startedTimes = (gate: ReturnType<typeof gatedComputation>, count: number) =>
  vi.waitFor(() => expect(gate.runs).toHaveLength(count));

describe("kept results", () => {
  it("are worked out again for a request that came after a write their snapshot missed", async () => {
    const current = keptResults<string>({ entries: 10, maxAgeMs: 60_000 });
    const gate = gatedComputation();
    const first = current(test.prisma, "after-a-write", gate.compute("first"));
    await startedTimes(gate, 1);
    gate.release();
    expect(await first).toBe("first");

    await commitAWrite();
    const second = current(test.prisma, "after-a-write", gate.compute("second"));
    await startedTimes(gate, 2);
    gate.release();
    expect(await second).toBe("second");
    // Nothing written since: served as kept.
    expect(await current(test.prisma, "after-a-write", gate.compute("third"))).toBe("second");
    expect(gate.runs).toEqual(["first", "second"]);
  });

  it("answer the requests that waited with the result worked out after they came, not once each", async () => {
    const current = keptResults<string>({ entries: 10, maxAgeMs: 60_000 });
    const gate = gatedComputation();
    const first = current(test.prisma, "waiting", gate.compute("first"));
    await startedTimes(gate, 1); // the first is being worked out; a write lands, then two requests come and wait
    await commitAWrite();
    const waiting = [
      current(test.prisma, "waiting", gate.compute("second")),
      current(test.prisma, "waiting", gate.compute("third")),
    ];
    gate.release(); // the first is answered; the first waiting request works it out again …
    expect(await first).toBe("first");
    await startedTimes(gate, 2);
    await commitAWrite(); // … and another write lands while it does
    gate.open();
    // The second waiting request came before that result's snapshot was taken, so the result holds
    // every write committed before it came: it is answered with it, not worked out a third time.
    expect(await Promise.all(waiting)).toEqual(["second", "second"]);
    expect(gate.runs).toEqual(["first", "second"]);
  });
});
