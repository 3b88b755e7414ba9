import type { Prisma, PrismaClient } from "@fundline/db";
import type { CreateOrganisationRequest, OrganisationResponse, UpdateOrganisationRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { changeVersioned } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";

type Context = { actor: Actor; requestId: string };
type OrganisationRow = Prisma.OrganisationGetPayload<object>;

const toResponse = ({ id, name, identifier, kinds, version }: OrganisationRow): OrganisationResponse => ({
  id,
  name,
  identifier,
  kinds,
  version,
});

export async function listOrganisations(prisma: PrismaClient) {
  const rows = await prisma.organisation.findMany({ where: { retiredAt: null }, orderBy: { name: "asc" } });
  return { organisations: rows.map(toResponse), total: rows.length };
}

export async function createOrganisation(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateOrganisationRequest },
): Promise<OrganisationResponse> {
  await assertUnique(tx, input.name, input.identifier);
  const created = await tx.organisation.create({ data: { ...input, kinds: [...new Set(input.kinds)] } });
  const after = toResponse(created);
  await recordAudit(tx, {
    actor,
    entityType: "Organisation",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}

export async function updateOrganisation(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: UpdateOrganisationRequest },
): Promise<OrganisationResponse> {
  const { version: _version, ...changes } = input;
  return changeVersioned(tx, {
    table: "Organisation",
    entity: "Organisation",
    id,
    expectedVersion: input.version,
    load: () => tx.organisation.findUnique({ where: { id } }),
    show: toResponse,
    check: () => assertUnique(tx, input.name, input.identifier, id),
    apply: () =>
      tx.organisation.update({
        where: { id },
        data: { ...changes, kinds: changes.kinds ? [...new Set(changes.kinds)] : undefined, version: { increment: 1 } },
      }),
    action: "update",
    actor,
    requestId,
  });
}

// A clear 422 naming the field, rather than a unique-constraint failure.
async function assertUnique(
  tx: Prisma.TransactionClient,
  name?: string,
  identifier?: string | null,
  exceptId?: string,
) {
  const problems: { path: string; message: string }[] = [];
  if (name && (await tx.organisation.findFirst({ where: { name, id: exceptId ? { not: exceptId } : undefined } }))) {
    problems.push({ path: "name", message: `an organisation called "${name}" already exists` });
  }
  if (
    identifier &&
    (await tx.organisation.findFirst({ where: { identifier, id: exceptId ? { not: exceptId } : undefined } }))
  ) {
    problems.push({ path: "identifier", message: `${identifier} already belongs to another organisation` });
  }
  if (problems.length) throw new RuleBroken(problems);
}
