import type { PrismaClient } from "@fundline/db";
import { ROLES } from "@fundline/domain";
import type { UpdateRolePolicyRequest } from "@fundline/schemas";
import { Conflict, RuleBroken } from "../../errors.ts";
import { personLabel, recordAudit } from "../../lib/audit-trail.ts";
import type { Principal } from "../../lib/sessions.ts";
import type { WriteContext } from "../../lib/write-context.ts";
import { acceptedTotpStep, newTotpSecret, totpUri } from "./totp.ts";

/** Starts setting up two-factor sign-in: a new secret, kept pending until a code confirms it. */
export async function startTotpEnrolment(prisma: PrismaClient, principal: Principal) {
  const secret = newTotpSecret();
  await prisma.user.update({ where: { id: principal.userId }, data: { totpPendingSecret: secret } });
  return { secret, uri: totpUri(secret, principal.email) };
}

/**
 * Confirms the pending secret with a code from the app: from now on sign-in needs a code, and
 * this session (if it could only set up the second factor) becomes a full one. Audited.
 */
export async function confirmTotpEnrolment(
  prisma: PrismaClient,
  principal: Principal,
  code: string,
  requestId: string,
) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: principal.userId } });
    const step = user.totpPendingSecret ? acceptedTotpStep(user.totpPendingSecret, code, null) : null;
    if (!user.totpPendingSecret || step === null) {
      throw new RuleBroken([{ path: "code", message: "is not right for the secret being set up; try the next code" }]);
    }
    await tx.user.update({
      where: { id: user.id },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpLastStep: step,
        version: { increment: 1 },
      },
    });
    await tx.session.update({ where: { id: principal.sessionId }, data: { verified: true } });
    await recordAudit(tx, {
      actor: { id: user.id, label: personLabel(user) },
      entityType: "User",
      entityId: user.id,
      action: "update",
      before: { totpEnabled: user.totpSecret !== null },
      after: { totpEnabled: true },
      reason: "set up two-factor sign-in",
      requestId,
    });
  });
}

/** Whether each role must use two-factor sign-in (roles never set: no). */
export async function listRolePolicies(prisma: PrismaClient) {
  const stored = new Map((await prisma.rolePolicy.findMany()).map((policy) => [policy.role, policy]));
  return {
    policies: ROLES.map((role) => ({
      role,
      totpRequired: stored.get(role)?.totpRequired ?? false,
      version: stored.get(role)?.version ?? 0,
    })),
  };
}

/** Version 0 is a role never set. Stale versions get 409; the change is audited. */
export async function updateRolePolicy(
  prisma: PrismaClient,
  { role, input, ...context }: WriteContext & { role: (typeof ROLES)[number]; input: UpdateRolePolicyRequest },
) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`role-policy:${role}`}, 0))`;
    const current = await tx.rolePolicy.findUnique({ where: { role } });
    const before = { role, totpRequired: current?.totpRequired ?? false, version: current?.version ?? 0 };
    if (before.version !== input.version) {
      throw new Conflict(
        `This role's policy was changed by someone else (you had version ${input.version}, it is now ${before.version}).`,
        before,
      );
    }
    const saved = await tx.rolePolicy.upsert({
      where: { role },
      create: { role, totpRequired: input.totpRequired },
      update: { totpRequired: input.totpRequired, version: { increment: 1 } },
    });
    const after = { role, totpRequired: saved.totpRequired, version: saved.version };
    await recordAudit(tx, { ...context, entityType: "RolePolicy", entityId: role, action: "update", before, after });
    return after;
  });
}
