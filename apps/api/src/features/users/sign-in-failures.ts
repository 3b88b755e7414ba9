// What an administrator sees and clears of an account's failed sign-ins.
import type { Prisma, PrismaClient } from "@fundline/db";
import { ACCOUNT_FAILURE_LIMIT } from "@fundline/domain";
import type { SignInFailuresResponse } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import type { WriteContext } from "../../plugins/write-context.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { signInWait } from "../session/sign-in.ts";

const DAY_MS = 24 * 3_600_000;

async function emailOf(prisma: Pick<PrismaClient, "user">, id: string): Promise<string> {
  const user = await prisma.user.findUnique({ where: { id }, select: { email: true } });
  if (!user) throw new NotFound("User", id);
  return user.email;
}

/** The last day's failures for the account and the wait a try from an unknown address would meet. */
export async function signInFailures(prisma: PrismaClient, id: string): Promise<SignInFailuresResponse> {
  const email = await emailOf(prisma, id);
  const now = new Date();
  const failures = await prisma.signInAttempt.count({
    where: { email, succeeded: false, attemptedAt: { gt: new Date(now.getTime() - DAY_MS) } },
  });
  // An address nobody uses stands for "somewhere new": what the account's owner would meet.
  const wait = await signInWait(prisma, email, "0.0.0.0/unused", now);
  return { failures, waitSeconds: wait?.seconds ?? 0, locked: failures >= ACCOUNT_FAILURE_LIMIT };
}

/** Clears the account's failed sign-ins (so it may sign in at once), audited with how many. */
export async function clearSignInFailures(
  tx: Prisma.TransactionClient,
  { id, ...context }: WriteContext & { id: string },
): Promise<SignInFailuresResponse> {
  const email = await emailOf(tx, id);
  const { count } = await tx.signInAttempt.deleteMany({ where: { email, succeeded: false } });
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
