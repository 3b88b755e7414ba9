import { type PrismaClient, readMigrations } from "@fundline/db";

/** Resolves `work`, or `fallback` if it has not finished within `timeoutMs`. */
async function within<T>(work: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** "ok" if the database answers a trivial query within `timeoutMs`. */
export function checkDatabase(prisma: PrismaClient, timeoutMs = 2_000): Promise<"ok" | "down"> {
  const probe = prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  return within(probe, timeoutMs, "down");
}

// The migrations this code was written for, read once: the folder does not change while running.
let expectedMigrations: Promise<string[]> | undefined;

/**
 * Ready to serve: the database answers and every migration this code expects has been applied
 * (a server started against a database another version migrated, or mid-upgrade, is not).
 */
export async function checkReadiness(
  prisma: PrismaClient,
  timeoutMs = 2_000,
): Promise<{ db: "ok" | "down"; pendingMigrations: string[] | null }> {
  expectedMigrations ??= readMigrations().then((migrations) => migrations.map((migration) => migration.name));
  const applied = prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`.then(
    (rows) => new Set(rows.map((row) => row.name)),
    () => null,
  );
  const done = await within(applied, timeoutMs, null);
  if (!done) return { db: "down", pendingMigrations: null };
  return { db: "ok", pendingMigrations: (await expectedMigrations).filter((name) => !done.has(name)) };
}
