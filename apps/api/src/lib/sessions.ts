import { timingSafeEqual } from "node:crypto";
import type { Prisma, PrismaClient } from "@fundline/db";
import type { Role } from "@fundline/domain";
import { hashOfSecret, newSecretToken } from "./secret-tokens.ts";

export type SessionSettings = {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out this long after signing in, however active. */
  absoluteHours: number;
};

/** The signed-in user as every request sees them. */
export type Principal = {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  /** The council's: a money change above it waits for a second person. */
  approvalThresholdPence: number;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  totpEnabled: boolean;
  /** Signed in with a password, but the role requires two-factor sign-in that is not set up. */
  enrolmentPending: boolean;
};

/** A fresh session (never a reused id): the cookie gets the token, the database only its hash. */
export async function startSession(
  tx: Prisma.TransactionClient,
  options: { userId: string; settings: SessionSettings; ipAddress: string; userAgent?: string; verified?: boolean },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + options.settings.absoluteHours * 3_600_000);
  await tx.session.create({
    data: {
      id: hashOfSecret(token),
      userId: options.userId,
      csrfToken: newSecretToken(),
      expiresAt,
      verified: options.verified ?? true,
      ipAddress: options.ipAddress,
      userAgent: options.userAgent?.slice(0, 500) ?? null,
    },
  });
  return { token, expiresAt };
}

/**
 * The principal for a cookie token, or null when there is no such session, it has passed its
 * idle or absolute limit, or its user has been deactivated. Expired sessions are deleted.
 */
export async function principalFor(
  prisma: PrismaClient,
  token: string,
  settings: SessionSettings,
): Promise<Principal | null> {
  const id = hashOfSecret(token);
  const session = await prisma.session.findUnique({
    where: { id },
    include: { user: { include: { organisation: { select: { name: true, approvalThresholdPence: true } } } } },
  });
  if (!session) return null;
  const now = Date.now();
  const idleSince = now - settings.idleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() <= idleSince || !session.user.active) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  // Touch at most once a minute, so reads do not each cost a write.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    userId: session.userId,
    email: session.user.email,
    displayName: session.user.displayName,
    role: session.user.role,
    organisationId: session.user.organisationId,
    organisationName: session.user.organisation.name,
    approvalThresholdPence: Number(session.user.organisation.approvalThresholdPence),
    sessionId: id,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    totpEnabled: session.user.totpSecret !== null,
    enrolmentPending: !session.verified,
  };
}

export async function endSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function csrfTokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
