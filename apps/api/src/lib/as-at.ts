// Figures as Fundline held them at a past moment. The rows they are worked out from keep every
// version (prisma/sql/row-versions.sql); a read "as at" runs the same SQL as a live read, in a
// read-only transaction whose search_path puts the `as_at` schema first, where each versioned
// table has a view of its own name showing its rows as they were at `fundline.as_at`. So no
// figure has a second, "historical" way of being added up that could drift from the live one.
import type { Prisma, PrismaClient } from "@fundline/db";
import { asAtMoment, formatDateTime, todayInTheUk } from "@fundline/domain";
import { RuleBroken } from "../errors.ts";

export type FigureReader = Pick<PrismaClient, "$queryRaw" | "$queryRawUnsafe">;

/**
 * Runs `read` against the figures as they stood at `asAt` (a day, meaning its end in the UK, or
 * a moment), or as they are when `asAt` is not given. A moment before Fundline began keeping
 * versions, or still to come, is refused with a sentence.
 */
export async function readAsAt<T>(
  prisma: PrismaClient,
  asAt: string | undefined,
  read: (db: FigureReader, moment: Date | null) => Promise<T>,
): Promise<T> {
  if (asAt === undefined) return read(prisma, null);
  let moment = asAtMoment(asAt);
  return prisma.$transaction(
    async (tx: Prisma.TransactionClient) => {
      await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
      const [bounds] = await tx.$queryRaw<{ began: Date | null; now: Date }[]>`
      SELECT (SELECT min("validFrom") FROM "RowVersion" WHERE "tableName" = 'history') AS began, now() AS now`;
      const now = bounds?.now ?? new Date();
      if (moment.getTime() > now.getTime()) {
        // Today, as a day, is as Fundline holds it now; a later day or moment has not happened.
        if (asAt !== todayInTheUk(now)) throw new RuleBroken([{ path: "asAt", message: "must not be in the future" }]);
        moment = now;
      }
      if (bounds?.began && moment.getTime() < bounds.began.getTime()) {
        throw new RuleBroken([
          {
            path: "asAt",
            message: `must be on or after ${formatDateTime(bounds.began)}, when Fundline began keeping each version of the figures`,
          },
        ]);
      }
      await tx.$queryRaw`SELECT set_config('fundline.as_at', ${moment.toISOString()}, true),
                              set_config('search_path', 'as_at, public', true)`;
      return read(tx, moment);
      // A committee's dashboard as at a year-end reads history as well as the live rows.
    },
    { timeout: 60_000, maxWait: 5_000 },
  );
}
