// What an administrator sees and clears of accounts' failed sign-ins.
import { Prisma, type PrismaClient } from "@fundline/db";
import { ACCOUNT_FAILURE_LIMIT } from "@fundline/domain";
import type { SignInFailureListResponse, SignInFailuresResponse } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import { recordAudit } from "../../lib/audit-trail.ts";
import type { WriteContext } from "../../lib/write-context.ts";

const DAY_SECONDS = 24 * 3_600;

/**
 * Each account's failures over the last day since its last success, as sign-in counts them.
 * From an address it has never used (where its owner would be), only the day's limit holds an
 * account back, so that is the wait shown.
 */
async function failureCounts(prisma: Pick<PrismaClient, "$queryRaw">, userId?: string) {
  const since = new Date(Date.now() - DAY_SECONDS * 1_000);
  const rows = await prisma.$queryRaw<{ userId: string; failures: number }[]>`
    SELECT account.id::text AS "userId",
           count(*) FILTER (WHERE NOT attempt.succeeded AND attempt."attemptedAt" > coalesce(last.success, '-infinity'))::int
             AS failures
    FROM "User" account
    JOIN "SignInAttempt" attempt ON attempt.email = account.email AND attempt."attemptedAt" > ${since}
    LEFT JOIN LATERAL (
      SELECT max("attemptedAt") AS success FROM "SignInAttempt"
      WHERE email = account.email AND succeeded AND "attemptedAt" > ${since}
    ) last ON TRUE
    ${userId ? Prisma.sql`WHERE account.id = ${userId}::uuid` : Prisma.empty}
    GROUP BY account.id
    ORDER BY failures DESC, account.id`;
  return rows
    .filter((row) => row.failures > 0)
    .map((row) => {
      const locked = row.failures >= ACCOUNT_FAILURE_LIMIT;
      return { userId: row.userId, failures: row.failures, waitSeconds: locked ? DAY_SECONDS : 0, locked };
    });
}

/** Every account with failed sign-ins in the last day: the Users screen shows them beside each person. */
export async function listSignInFailures(prisma: PrismaClient): Promise<SignInFailureListResponse> {
  return { accounts: await failureCounts(prisma) };
}

/** One account's failures over the last day, and whether it is locked until an administrator clears it. */
export async function signInFailures(prisma: PrismaClient, id: string): Promise<SignInFailuresResponse> {
  if (!(await prisma.user.findUnique({ where: { id }, select: { id: true } }))) throw new NotFound("User", id);
  const [account] = await failureCounts(prisma, id);
  return { failures: account?.failures ?? 0, waitSeconds: account?.waitSeconds ?? 0, locked: account?.locked ?? false };
}

/** Clears the account's failed sign-ins (so it may sign in at once), audited with how many. */
export async function clearSignInFailures(
  tx: Prisma.TransactionClient,
  { id, ...context }: WriteContext & { id: string },
): Promise<SignInFailuresResponse> {
  const user = await tx.user.findUnique({ where: { id }, select: { email: true } });
  if (!user) throw new NotFound("User", id);
  const { count } = await tx.signInAttempt.deleteMany({ where: { email: user.email, succeeded: false } });
  await recordAudit(tx, {
    ...context,
    entityType: "User",
    entityId: id,
    action: "update",
    before: { failedSignIns: count },
    after: { failedSignIns: 0 },
    reason: "sign-in failures cleared by an administrator",
  });
  return { failures: 0, waitSeconds: 0, locked: false };
}
