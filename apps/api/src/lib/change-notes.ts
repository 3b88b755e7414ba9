// Change notes (ReconciliationChange, written by the database's triggers): which programmes
// each committed transaction could change. A result worked out from the database is kept, and
// served while no transaction its snapshot did not see has committed: exact, never a timed guess.
// On a streaming replica the same holds for what the replica has replayed: transaction ids and
// snapshots are the primary's, so a result worked out there and checked on the primary (or the
// other way round) is judged against the primary's notes, which are the truth.
import { type PrismaClient, poolOf, primaryOf } from "@fundline/db";

/**
 * The writes committed since `snapshot`, as this statement's own snapshot sees them (one
 * statement, so the two agree), and that snapshot to keep what is recomputed against. Asked on
 * every request for a kept result, so straight through the pool: Prisma's raw query path
 * allocated several times what this small query returns.
 */
export async function changesSince(prisma: PrismaClient, snapshot: string) {
  const {
    rows: [changes],
  } = await poolOf(prisma).query<{ snapshot: string; changed: boolean; everything: boolean; programmeIds: string[] }>(
    `WITH unseen AS (
       SELECT everything, "programmeIds" FROM "ReconciliationChange"
       WHERE "transactionId" >= pg_snapshot_xmin($1::pg_snapshot)::text::bigint
         AND NOT pg_visible_in_snapshot("transactionId"::text::xid8, $1::pg_snapshot)
     )
     SELECT pg_current_snapshot()::text AS snapshot,
            EXISTS (SELECT 1 FROM unseen) AS changed,
            EXISTS (SELECT 1 FROM unseen WHERE everything) AS everything,
            ARRAY(SELECT DISTINCT programme::text FROM unseen, unnest("programmeIds") programme) AS "programmeIds"`,
    [snapshot],
  );
  if (!changes) throw new Error("the portfolio's change check returned no row");
  return changes;
}

/** A snapshot of the committed state, taken before any figure of a result is read (so everything read is at least this new). */
export async function currentSnapshot(prisma: PrismaClient): Promise<string> {
  const { rows } = await poolOf(prisma).query<{ snapshot: string }>("SELECT pg_current_snapshot()::text AS snapshot");
  return rows[0]?.snapshot ?? "";
}

const queues = new Map<string, Promise<unknown>>();
/** Runs tasks for one key one after another (each after the last has settled). */
export function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = run.then(
    () => {},
    () => {},
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

let prunedAt = 0;
/** Old notes go now and then, not on every update (payments can arrive several a second). */
export function pruneChangeNotes(prisma: PrismaClient) {
  if (Date.now() - prunedAt <= 60_000) return;
  prunedAt = Date.now();
  // With transactions bounded at 30 minutes and results kept at most as long, two hours is ample.
  // A replica is read-only: its primary prunes, and the replica replays that.
  void primaryOf(prisma)
    .$executeRaw`DELETE FROM "ReconciliationChange" WHERE "changedAt" < now() - interval '2 hours'`.catch(() => {});
}

/**
 * Whether a kept result may answer a request that came at `arrivedAt` (performance.now()) without
 * asking the database: its snapshot was taken after the request came, so it holds every write
 * committed before then. A request that waited while a result was worked out again is answered
 * with that result, rather than each waiting request working it out once more for the writes
 * that landed while it waited (under a steady stream of payments, dashboards queued for seconds).
 */
export const takenAfter = (kept: { snapshotAt: number }, arrivedAt: number) => kept.snapshotAt >= arrivedAt;

/**
 * A cache of results worked out whole from the database, each kept with the snapshot it was
 * computed after: served while nothing has changed since, worked out again (once, however many
 * requests ask at the same moment) when something has. `keptSlicedResults` with one slice.
 */
export function keptResults<Result>({ entries, maxAgeMs }: { entries: number; maxAgeMs: number }) {
  const kept = keptSlicedResults<{ whole: { slice: number; result: Result }[] }, Result>({
    entries,
    maxRows: Number.POSITIVE_INFINITY,
    maxAgeMs,
  });
  const current = (prisma: PrismaClient, key: string, compute: () => Promise<Result>) =>
    kept(
      prisma,
      key,
      async () => ({ whole: [{ slice: 0, result: await compute() }] }),
      (slices) => (slices.whole[0] as { result: Result }).result,
    );
  return Object.assign(current, { counts: kept.counts });
}

/** Rows that each name the slice of the programmes they were added up within. */
type SlicedRows = Record<string, { slice: number }[] | null>;

/**
 * Results added up slice by slice (a slice: some of the programmes, as `sliceOf` a programme's
 * id says), each kept with the snapshot it was computed after and served while nothing has
 * changed since. After a write, only the slices of the programmes its change note names are
 * worked out again (`compute(slices)`), once however many requests ask at the same moment; the
 * rest are kept, and the result made anew from them (`combine`). A note that changes everything
 * (`everything`), or no `sliceOf`, works all of them out. Kept rows are bounded in number
 * across the entries, not just the entries.
 */
export function keptSlicedResults<Slices extends SlicedRows, Result>({
  entries,
  maxRows,
  maxAgeMs,
  sliceOf,
}: {
  entries: number;
  maxRows: number;
  maxAgeMs: number;
  sliceOf?: (programmeId: string) => number;
}) {
  type Kept = {
    snapshot: string;
    snapshotAt: number;
    keptAt: number;
    /** Worked out on the primary, not a replica that may lag it. */
    onPrimary: boolean;
    slices: Slices;
    rows: number;
    result: Result;
  };
  const cache = new Map<string, Kept>();
  let keptRows = 0;
  const fresh = (key: string) => {
    const kept = cache.get(key);
    return kept && Date.now() - kept.keptAt <= maxAgeMs ? kept : undefined;
  };
  const forget = (key: string) => {
    keptRows -= cache.get(key)?.rows ?? 0;
    cache.delete(key);
  };
  /** How often a kept result answered, was worked out whole, or in some of its slices. */
  const counts = { served: 0, computed: 0, slicesComputed: 0, updated: 0 };
  async function current(
    prisma: PrismaClient,
    key: string,
    compute: (slices?: number[]) => Promise<Slices>,
    combine: (slices: Slices) => Result,
  ): Promise<Result> {
    const arrivedAt = performance.now();
    const onPrimary = primaryOf(prisma) === prisma;
    const kept = fresh(key);
    if (kept && !(await changesSince(prisma, kept.snapshot)).changed) {
      counts.served++;
      return kept.result;
    }
    return oneAtATime(key, async () => {
      const latest = fresh(key);
      // A replica's snapshot taken after the request came may still lack writes the primary had
      // committed by then: a request read on the primary (its caller's own write, say) takes it
      // only from the primary.
      if (latest && (latest.onPrimary || !onPrimary) && takenAfter(latest, arrivedAt)) {
        counts.served++;
        return latest.result;
      }
      const snapshotAt = performance.now();
      const changes = latest && (await changesSince(prisma, latest.snapshot));
      if (latest && changes && !changes.changed) {
        counts.served++;
        return latest.result;
      }
      const snapshot = changes ? changes.snapshot : await currentSnapshot(prisma);
      let slices: Slices;
      if (latest && changes && !changes.everything && sliceOf) {
        const changed = [...new Set(changes.programmeIds.map(sliceOf))];
        counts.updated++;
        counts.slicesComputed += changed.length;
        slices = changed.length
          ? replaceSlices(latest.slices, await compute(changed), new Set(changed))
          : latest.slices;
      } else {
        counts.computed++;
        slices = await compute();
      }
      const result = combine(slices);
      forget(key);
      const rows = Object.values(slices).reduce((total, list) => total + (list?.length ?? 0), 0);
      cache.set(key, { snapshot, snapshotAt, keptAt: Date.now(), onPrimary, slices, rows, result });
      keptRows += rows;
      // The least recently worked out go first, though never the one just kept.
      while ((cache.size > entries || keptRows > maxRows) && cache.size > 1)
        forget(cache.keys().next().value as string);
      pruneChangeNotes(prisma);
      return result;
    });
  }
  return Object.assign(current, { counts });
}

/** `kept` with the rows of the slices worked out again (`changed`) replaced by `fresh`'s. */
function replaceSlices<Slices extends SlicedRows>(kept: Slices, fresh: Slices, changed: Set<number>): Slices {
  const slices: SlicedRows = {};
  for (const [part, rows] of Object.entries(kept)) {
    const freshRows = fresh[part];
    slices[part] =
      rows && freshRows ? [...rows.filter((row) => !changed.has(row.slice)), ...freshRows] : (freshRows ?? null);
  }
  return slices as Slices;
}
