import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  CreateOrganisationRequest,
  OrganisationListQuery,
  OrganisationResponse,
  RetireRequest,
  UpdateOrganisationRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type OrganisationRow = Prisma.OrganisationGetPayload<object>;

const toResponse = (row: OrganisationRow): OrganisationResponse => ({
  id: row.id,
  name: row.name,
  identifier: row.identifier,
  kinds: row.kinds,
  approvalThresholdPence: Number(row.approvalThresholdPence),
  retiredAt: row.retiredAt?.toISOString() ?? null,
  version: row.version,
});

export async function listOrganisations(prisma: PrismaClient, query: OrganisationListQuery) {
  const where: Prisma.OrganisationWhereInput = {
    retiredAt: query.includeRetired ? undefined : null,
    kinds: query.kind ? { has: query.kind } : undefined,
    name: query.name ? { contains: query.name, mode: "insensitive" } : undefined,
    identifier: query.identifier,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.organisation.count({ where }),
    rows: (window) => prisma.organisation.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toResponse,
  });
  return { organisations: items, ...page };
}

export async function createOrganisation(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateOrganisationRequest },
): Promise<OrganisationResponse> {
  await assertUnique(tx, input.name, input.identifier);
  const after = toResponse(await tx.organisation.create({ data: { ...input, kinds: [...new Set(input.kinds)] } }));
  return auditCreated(tx, context, "Organisation", after);
}

export function updateOrganisation(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateOrganisationRequest },
): Promise<OrganisationResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Organisation",
    entity: "Organisation",
    id,
    expectedVersion: version,
    load: () => tx.organisation.findUnique({ where: { id } }),
    show: toResponse,
    check: () => assertUnique(tx, input.name, input.identifier, id),
    apply: () =>
      tx.organisation.update({
        where: { id },
        data: {
          ...changes,
          kinds: changes.kinds ? [...new Set(changes.kinds)] : undefined,
          approvalThresholdPence:
            changes.approvalThresholdPence === undefined ? undefined : BigInt(changes.approvalThresholdPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
  });
}

/** An organisation still leading or taking part in a live programme, or holding live funds, stays. */
export function retireOrganisation(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<OrganisationResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "Organisation",
    entity: "Organisation",
    id,
    input,
    load: () => tx.organisation.findUnique({ where: { id } }),
    show: toResponse,
    check: async () => {
      const [led, partOf, funds] = await Promise.all([
        tx.programme.count({ where: { leadOrganisationId: id, retiredAt: null } }),
        tx.programmePartner.count({ where: { organisationId: id, withdrewOn: null, programme: { retiredAt: null } } }),
        tx.fund.count({ where: { funderId: id, retiredAt: null } }),
      ]);
      if (led + partOf + funds > 0) {
        throw new RuleBroken([
          {
            path: "id",
            message: `this organisation leads ${led} live programme(s), is a current partner in ${partOf} and holds ${funds} live fund(s); retire or withdraw those first`,
          },
        ]);
      }
    },
    retire: (change) => tx.organisation.update({ where: { id }, data: change }),
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
