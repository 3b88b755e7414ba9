import type { PrismaClient } from "@fundline/db";

/** "ok" if the database answers a trivial query within `timeoutMs`. */
export async function checkDatabase(prisma: PrismaClient, timeoutMs = 2_000): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"down">((resolve) => {
    timer = setTimeout(() => resolve("down"), timeoutMs);
  });
  const probe = prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
