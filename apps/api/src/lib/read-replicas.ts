// Streaming replicas (DATABASE_REPLICA_URLS) for the reads that may lag: a replica is read
// while it has replayed everything the primary had committed `maxLagMs` ago, and is left alone
// while it is further behind, unreachable or not a standby. How far behind is measured, not
// guessed: every half second the primary's WAL position is noted with the time, and a replica
// that has replayed past a noted position holds every transaction committed before that time.
// That needs no privileges on either server (unlike pg_stat_replication) and also catches a
// replica cut off from its primary, whose own view would say it had nothing left to replay.
import { type PrismaClient, poolOf } from "@fundline/db";

export type ReplicaState = "caught up" | "behind" | "unreachable" | "not a standby" | "not yet measured";

type Replica = {
  name: string;
  prisma: PrismaClient;
  /** Every transaction the primary committed before this moment (epoch ms) is on the replica. */
  holdsUpTo?: number;
  state: Exclude<ReplicaState, "caught up" | "behind"> | "streaming";
};

/** `X/Y`, PostgreSQL's text form of a WAL position (two hexadecimal halves), as a number. */
export function walPosition(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  if (!high || !low) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  /** The primary's WAL position, noted each probe with the time just before it was asked. */
  private samples: { at: number; position: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private next = 0;
  /** Reads answered by a replica, by the primary (no replica fit to use), and retried on the primary after a replica failed. */
  readonly counts = { replica: 0, primary: 0, fellBack: 0 };

  constructor(
    private readonly primary: PrismaClient,
    replicas: { name: string; prisma: PrismaClient }[],
    readonly settings: { maxLagMs: number; probeIntervalMs: number; onProblem?: (message: string) => void },
  ) {
    this.replicas = replicas.map((replica) => ({ ...replica, state: "not yet measured" }));
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  start(): void {
    if (!this.configured || this.timer) return;
    void this.probe();
    this.timer = setInterval(() => void this.probe(), this.settings.probeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.probing;
  }

  /** Measures each replica against the primary now (the timer does this every interval). */
  probe(): Promise<void> {
    this.probing ??= this.measure().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /** A replica to read from now (taken in turn), or none when none holds the last `maxLagMs`. */
  pick(): { name: string; prisma: PrismaClient } | undefined {
    const oldestAllowed = Date.now() - this.settings.maxLagMs;
    for (let tried = 0; tried < this.replicas.length; tried += 1) {
      const replica = this.replicas[this.next++ % this.replicas.length] as Replica;
      if (replica.state === "streaming" && (replica.holdsUpTo ?? 0) >= oldestAllowed) return replica;
    }
    return undefined;
  }

  /** A read on `replica` (as `pick` gave it) failed: it is not used again until a probe reaches it. */
  failed(replica: { name: string }, error: unknown): void {
    const failing = this.replicas.find((candidate) => candidate === replica);
    if (!failing) return;
    failing.state = "unreachable";
    this.settings.onProblem?.(
      `a read on replica ${failing.name} failed, so it went to the primary: ${messageOf(error)}`,
    );
  }

  /** Each replica's state and how far behind the primary it is known to be, for health and metrics. */
  status(now = Date.now()): { name: string; state: ReplicaState; lagMs: number | null }[] {
    return this.replicas.map((replica) => {
      const lagMs = replica.holdsUpTo === undefined ? null : Math.max(0, now - replica.holdsUpTo);
      const state: ReplicaState =
        replica.state !== "streaming"
          ? replica.state
          : lagMs !== null && lagMs <= this.settings.maxLagMs
            ? "caught up"
            : "behind";
      return { name: replica.name, state, lagMs };
    });
  }

  private async measure(): Promise<void> {
    const at = Date.now();
    try {
      const { rows } = await poolOf(this.primary).query<{ position: string }>(
        "SELECT pg_current_wal_lsn()::text AS position",
      );
      if (rows[0]) this.samples.push({ at, position: walPosition(rows[0].position) });
    } catch {
      // The primary is unreachable: no new note, so the replicas' figures only age.
    }
    // Notes older than the lag allowed can no longer make a replica fit to use; the newest stays.
    const keepFrom = Date.now() - this.settings.maxLagMs - 2 * this.settings.probeIntervalMs;
    while (this.samples.length > 1 && (this.samples[0] as { at: number }).at < keepFrom) this.samples.shift();
    await Promise.all(this.replicas.map((replica) => this.measureReplica(replica)));
  }

  private async measureReplica(replica: Replica): Promise<void> {
    try {
      const { rows } = await poolOf(replica.prisma).query<{ standby: boolean; replayed: string | null }>(
        "SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed",
      );
      const [row] = rows;
      if (!row?.standby || !row.replayed) {
        // A promoted replica (or the primary itself named as one) may hold another history.
        if (replica.state !== "not a standby")
          this.settings.onProblem?.(`replica ${replica.name} is not a standby, so it is not read`);
        replica.state = "not a standby";
        return;
      }
      const replayed = walPosition(row.replayed);
      let holdsUpTo = replica.holdsUpTo;
      for (const sample of this.samples) {
        if (sample.position <= replayed && sample.at > (holdsUpTo ?? 0)) holdsUpTo = sample.at;
      }
      replica.holdsUpTo = holdsUpTo;
      replica.state = "streaming";
    } catch (error) {
      if (replica.state !== "unreachable")
        this.settings.onProblem?.(`replica ${replica.name} cannot be reached: ${messageOf(error)}`);
      replica.state = "unreachable";
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
