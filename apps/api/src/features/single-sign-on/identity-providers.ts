import type { Prisma, PrismaClient } from "@fundline/db";
import type { CouncilSignInResponse, IdentityProviderResponse, IdentityProviderSettings } from "@fundline/schemas";
import { Conflict, NotFound, RuleBroken } from "../../errors.ts";
import { recordAudit } from "../../lib/audit-trail.ts";
import { inTransaction, type WriteContext } from "../../lib/write-context.ts";
import { discoverProvider, forgetProvider, type ProviderOptions } from "./provider-configuration.ts";

type StoredProvider = Prisma.IdentityProviderGetPayload<object>;

/** What the API shows: never the client secret. */
function shown(stored: StoredProvider): IdentityProviderResponse {
  return {
    issuer: stored.issuer,
    clientId: stored.clientId,
    groupsClaim: stored.groupsClaim,
    groupRoles: stored.groupRoles as IdentityProviderResponse["groupRoles"],
    passwordSignIn: stored.passwordSignIn,
    version: stored.version,
    updatedAt: stored.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps: the settings, and whether the secret changed, never the secret. */
const audited = (stored: StoredProvider | null, secretChanged = false) =>
  stored ? { ...shown(stored), updatedAt: undefined, ...(secretChanged ? { clientSecret: "(changed)" } : {}) } : null;

/** Every council, with its identity provider where it has one. */
export async function listCouncilSignIn(prisma: PrismaClient): Promise<CouncilSignInResponse[]> {
  const councils = await prisma.organisation.findMany({
    where: { OR: [{ kinds: { has: "council" }, retiredAt: null }, { identityProvider: { isNot: null } }] },
    include: { identityProvider: true },
    orderBy: { name: "asc" },
  });
  return councils.map((council) => ({
    organisation: { id: council.id, name: council.name },
    identityProvider: council.identityProvider ? shown(council.identityProvider) : null,
  }));
}

/** Councils whose people may sign in with their council account, for the sign-in page. */
export async function singleSignOnCouncils(prisma: PrismaClient) {
  const councils = await prisma.organisation.findMany({
    where: { identityProvider: { isNot: null }, retiredAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return { councils };
}

/**
 * Sets up or changes a council's identity provider. Its discovery document is read first, so
 * an issuer that cannot be reached or calls itself something else is refused (422 on `issuer`)
 * before anything is stored; then the version is checked and the change audited.
 */
export async function saveIdentityProvider(
  prisma: PrismaClient,
  options: WriteContext & { organisationId: string; input: IdentityProviderSettings; provider?: ProviderOptions },
): Promise<CouncilSignInResponse> {
  const { organisationId, input } = options;
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    include: { identityProvider: true },
  });
  if (!organisation) throw new NotFound("Organisation", organisationId);
  const clientSecret = input.clientSecret ?? organisation.identityProvider?.clientSecret;
  if (!clientSecret) {
    throw new RuleBroken([{ path: "clientSecret", message: "is needed to set up a council's identity provider" }]);
  }
  if (input.groupRoles.length > 0 && !input.groupsClaim) {
    throw new RuleBroken([{ path: "groupsClaim", message: "must name the claim that lists groups, to map groups" }]);
  }
  try {
    await discoverProvider({ issuer: input.issuer, clientId: input.clientId, clientSecret }, options.provider);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RuleBroken([
      {
        path: "issuer",
        message: /"issuer"|issuer/i.test(message)
          ? "names itself differently in its discovery document: copy the issuer exactly as the provider gives it"
          : "could not be reached, or gave no OpenID discovery document at /.well-known/openid-configuration",
      },
    ]);
  }

  const saved = await inTransaction(prisma, async (tx) => {
    const before = await tx.identityProvider.findUnique({ where: { organisationId } });
    if (before && input.version !== before.version) {
      throw new Conflict(
        `This council's sign-in settings were changed by someone else (you had version ${input.version ?? "none"}, they are now ${before.version}).`,
        shown(before),
      );
    }
    const settings = {
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecret,
      groupsClaim: input.groupsClaim,
      groupRoles: input.groupRoles,
      passwordSignIn: input.passwordSignIn,
    };
    const after = await tx.identityProvider.upsert({
      where: { organisationId },
      create: { organisationId, ...settings },
      update: { ...settings, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      ...options,
      entityType: "IdentityProvider",
      entityId: organisationId,
      action: before ? "update" : "create",
      before: audited(before),
      after: audited(after, input.clientSecret !== undefined),
    });
    return after;
  });
  forgetProvider(organisationId);
  return { organisation: { id: organisation.id, name: organisation.name }, identityProvider: shown(saved) };
}

/** Stops a council's sign-in with its own accounts; its people sign in with passwords again. */
export async function removeIdentityProvider(
  prisma: PrismaClient,
  options: WriteContext & { organisationId: string },
): Promise<CouncilSignInResponse> {
  const { organisationId } = options;
  const result = await inTransaction(prisma, async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId } });
    if (!organisation) throw new NotFound("Organisation", organisationId);
    const before = await tx.identityProvider.findUnique({ where: { organisationId } });
    if (before) {
      await tx.identityProvider.delete({ where: { organisationId } });
      await recordAudit(tx, {
        ...options,
        entityType: "IdentityProvider",
        entityId: organisationId,
        action: "retire",
        before: audited(before),
        after: null,
      });
    }
    return { organisation: { id: organisation.id, name: organisation.name }, identityProvider: null };
  });
  forgetProvider(organisationId);
  return result;
}
