import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  AcceptInvitationRequest,
  InvitedUserResponse,
  InviteUserRequest,
  UpdateUserRequest,
  UserListQuery,
  UserResponse,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { personLabel, recordAudit } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { hashPassword, passwordProblem } from "../../lib/passwords.ts";
import { assertReferencesExist } from "../../lib/references.ts";
import { type SessionSettings, startSession } from "../../lib/sessions.ts";
import { changeVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";
import { hashOfSecret, newSecretToken } from "../../lib/secret-tokens.ts";

const INVITATION_DAYS = 7;
const withDetail = {
  organisation: { select: { id: true, name: true } },
  assignments: { select: { programmeId: true }, orderBy: { programmeId: "asc" as const } },
} satisfies Prisma.UserInclude;
type UserRow = Prisma.UserGetPayload<{ include: typeof withDetail }>;

// Never the password hash, the TOTP secret or the invitation token.
const toUserResponse = (row: UserRow): UserResponse => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  organisation: row.organisation,
  active: row.active,
  invited: row.passwordHash === null,
  programmeIds: row.assignments.map((assignment) => assignment.programmeId),
  lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  version: row.version,
});

export async function listUsers(prisma: PrismaClient, query: UserListQuery) {
  const where: Prisma.UserWhereInput = { role: query.role, organisationId: query.organisationId, active: query.active };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.user.count({ where }),
    rows: (window) => prisma.user.findMany({ where, include: withDetail, orderBy: orderOf(query), ...window }),
    show: toUserResponse,
  });
  return { users: items, ...page };
}

async function assertOrganisationAndProgrammes(
  tx: Prisma.TransactionClient,
  organisationId: string | undefined,
  programmeIds: string[] | undefined,
) {
  await assertReferencesExist(tx, [{ path: "organisationId", table: "Organisation", id: organisationId }]);
  if (programmeIds?.length) {
    const found = await tx.programme.count({ where: { id: { in: programmeIds }, retiredAt: null } });
    if (found !== new Set(programmeIds).size) {
      throw new RuleBroken([{ path: "programmeIds", message: "one or more of these programmes do not exist" }]);
    }
  }
}

/** Creates the user without a password and a one-time link (valid 7 days) to choose one. */
export async function inviteUser(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: InviteUserRequest },
): Promise<InvitedUserResponse> {
  if (await tx.user.findUnique({ where: { email: input.email } })) {
    throw new RuleBroken([{ path: "email", message: `${input.email} already has an account` }]);
  }
  await assertOrganisationAndProgrammes(tx, input.organisationId, input.programmeIds);
  const token = newSecretToken();
  const invitationExpiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const created = await tx.user.create({
    data: {
      email: input.email,
      displayName: input.displayName,
      organisationId: input.organisationId,
      role: input.role,
      invitationTokenHash: hashOfSecret(token),
      invitationExpiresAt,
      assignments: { create: [...new Set(input.programmeIds)].map((programmeId) => ({ programmeId })) },
    },
    include: withDetail,
  });
  const after = toUserResponse(created);
  await recordAudit(tx, { ...context, entityType: "User", entityId: after.id, action: "create", before: null, after });
  return {
    ...after,
    invitationUrl: `/accept-invitation#token=${token}`,
    invitationExpiresAt: invitationExpiresAt.toISOString(),
  };
}

/**
 * Changes a user's role, organisation, assignments or whether they may sign in. Deactivating
 * ends their sessions in the same transaction. The last active administrator cannot be demoted
 * or deactivated: someone must always be able to manage users.
 */
export function updateUser(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateUserRequest },
): Promise<UserResponse> {
  const { version, programmeIds, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "User",
    entity: "User",
    id,
    expectedVersion: version,
    load: () => tx.user.findUnique({ where: { id }, include: withDetail }),
    show: toUserResponse,
    check: async (row) => {
      await assertOrganisationAndProgrammes(tx, changes.organisationId, programmeIds);
      const losesAdministration =
        row.role === "administrator" &&
        row.active &&
        ((changes.role !== undefined && changes.role !== "administrator") || changes.active === false);
      if (losesAdministration) {
        const administrators = await tx.user.count({ where: { role: "administrator", active: true } });
        if (administrators <= 1) {
          throw new RuleBroken([
            { path: changes.active === false ? "active" : "role", message: "this is the last active administrator" },
          ]);
        }
      }
    },
    apply: async () => {
      if (changes.active === false) await tx.session.deleteMany({ where: { userId: id } });
      return tx.user.update({
        where: { id },
        data: {
          ...changes,
          assignments: programmeIds
            ? { deleteMany: {}, create: [...new Set(programmeIds)].map((programmeId) => ({ programmeId })) }
            : undefined,
          version: { increment: 1 },
        },
        include: withDetail,
      });
    },
    action: "update",
  });
}

/** The invited person chooses a password (checked against the policy) and is signed in. */
export async function acceptInvitation(
  prisma: PrismaClient,
  options: { input: AcceptInvitationRequest; settings: SessionSettings; ipAddress: string; userAgent?: string },
) {
  const user = await prisma.user.findUnique({ where: { invitationTokenHash: hashOfSecret(options.input.token) } });
  if (!user?.active || !user.invitationExpiresAt || user.invitationExpiresAt.getTime() < Date.now()) {
    throw new RuleBroken([
      {
        path: "token",
        message: "this invitation link is not valid or has expired; ask an administrator for a new one",
      },
    ]);
  }
  const problem = passwordProblem(options.input.password, user.email);
  if (problem) throw new RuleBroken([{ path: "password", message: problem }]);
  const passwordHash = await hashPassword(options.input.password);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, invitationTokenHash: null, invitationExpiresAt: null, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actor: { id: user.id, label: personLabel(user) },
      entityType: "User",
      entityId: user.id,
      action: "update",
      before: { invited: true },
      after: { invited: false },
      reason: "accepted the invitation and chose a password",
    });
    return startSession(tx, {
      userId: user.id,
      settings: options.settings,
      ipAddress: options.ipAddress,
      userAgent: options.userAgent,
    });
  });
}
