import type { PrismaClient } from "@fundline/db";
import type { WeeklyDigestSetting } from "@fundline/schemas";
import { personLabel, recordAudit } from "../../lib/audit-trail.ts";
import { hashOfSecret } from "../../lib/secret-tokens.ts";
import type { Principal } from "../../lib/sessions.ts";

export async function weeklyDigestOf(prisma: PrismaClient, principal: Principal): Promise<WeeklyDigestSetting> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
  return { weeklyDigest: user.weeklyDigest };
}

/** A person's own choice, on their account page; audited like any change to their account. */
export async function setWeeklyDigest(
  prisma: PrismaClient,
  options: { principal: Principal; setting: WeeklyDigestSetting; requestId: string },
): Promise<WeeklyDigestSetting> {
  const { principal, setting } = options;
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: principal.userId } });
    await tx.user.update({ where: { id: principal.userId }, data: { weeklyDigest: setting.weeklyDigest } });
    if (before.weeklyDigest !== setting.weeklyDigest) {
      await recordAudit(tx, {
        actor: { id: principal.userId, label: personLabel(principal) },
        entityType: "User",
        entityId: principal.userId,
        action: "update",
        before: { weeklyDigest: before.weeklyDigest },
        after: { weeklyDigest: setting.weeklyDigest },
        requestId: options.requestId,
      });
    }
    return { weeklyDigest: setting.weeklyDigest };
  });
}

/**
 * The link in an email: stops that person's digests, whoever follows it (the secret was theirs).
 * False when no email carried this secret.
 */
export async function unsubscribe(prisma: PrismaClient, token: string, requestId: string): Promise<boolean> {
  const digest = await prisma.weeklyDigest.findUnique({
    where: { unsubscribeTokenHash: hashOfSecret(token) },
    include: { user: true },
  });
  if (!digest) return false;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: digest.userId }, data: { weeklyDigest: false } });
    if (digest.user.weeklyDigest) {
      await recordAudit(tx, {
        actor: { id: digest.userId, label: `${personLabel(digest.user)} (unsubscribe link)` },
        entityType: "User",
        entityId: digest.userId,
        action: "update",
        before: { weeklyDigest: true },
        after: { weeklyDigest: false },
        requestId,
      });
    }
  });
  return true;
}
