import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type {
  AddPartnerRequest,
  PartnerListQuery,
  PartnerResponse,
  PartnerRightsRequest,
  UpdatePartnerRequest,
} from "@fundline/schemas";
import { NotFound, RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { missingReferences, type Problem } from "../../lib/references.ts";
import { changeVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type PartnerRow = Prisma.ProgrammePartnerGetPayload<object>;

const toPartnerResponse = (row: PartnerRow): PartnerResponse => ({
  id: row.id,
  programmeId: row.programmeId,
  organisationId: row.organisationId,
  role: row.role,
  joinedOn: toIsoDateOrNull(row.joinedOn),
  withdrewOn: toIsoDateOrNull(row.withdrewOn),
  note: row.note,
  mayAddCostLines: row.mayAddCostLines,
  version: row.version,
});

async function assertProgrammeExists(tx: Prisma.TransactionClient, programmeId: string) {
  if (!(await tx.programme.findFirst({ where: { id: programmeId, retiredAt: null }, select: { id: true } }))) {
    throw new NotFound("Programme", programmeId);
  }
}

function withdrawalProblem(joinedOn: string | null, withdrewOn: string | null): Problem | null {
  return joinedOn && withdrewOn && withdrewOn < joinedOn
    ? { path: "withdrewOn", message: `a partner cannot withdraw (${withdrewOn}) before it joined (${joinedOn})` }
    : null;
}

export async function listPartners(prisma: PrismaClient, programmeId: string, query: PartnerListQuery) {
  await assertProgrammeExists(prisma, programmeId);
  const where: Prisma.ProgrammePartnerWhereInput = {
    programmeId,
    role: query.role,
    withdrewOn: query.includeWithdrawn ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.programmePartner.count({ where }),
    rows: (window) => prisma.programmePartner.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toPartnerResponse,
  });
  return { partners: items, ...page };
}

/** Adds an organisation to a programme in a role; a partner cannot withdraw before it joined. */
export async function addPartner(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: WriteContext & { programmeId: string; input: AddPartnerRequest },
): Promise<PartnerResponse> {
  await assertProgrammeExists(tx, programmeId);
  const problems: Problem[] = [];
  problems.push(
    ...(await missingReferences(tx, [{ path: "organisationId", table: "Organisation", id: input.organisationId }])),
  );
  const withdrawal = withdrawalProblem(input.joinedOn, input.withdrewOn);
  if (withdrawal) problems.push(withdrawal);
  if (await roleTaken(tx, programmeId, input.organisationId, input.role)) {
    problems.push({ path: "role", message: `this organisation is already a ${input.role} of the programme` });
  }
  if (problems.length) throw new RuleBroken(problems);
  const after = toPartnerResponse(
    await tx.programmePartner.create({
      data: { ...input, programmeId, joinedOn: fromIsoDate(input.joinedOn), withdrewOn: fromIsoDate(input.withdrewOn) },
    }),
  );
  return auditCreated(tx, context, "ProgrammePartner", after);
}

function roleTaken(
  tx: Prisma.TransactionClient,
  programmeId: string,
  organisationId: string,
  role: PartnerRow["role"],
  exceptId?: string,
) {
  return tx.programmePartner.findFirst({
    where: { programmeId, organisationId, role, NOT: exceptId ? { id: exceptId } : undefined },
  });
}

/** Changes a partner's role or dates; withdrawing is setting `withdrewOn`, never deleting. */
export function updatePartner(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdatePartnerRequest },
): Promise<PartnerResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "ProgrammePartner",
    entity: "Partner",
    id,
    expectedVersion: version,
    load: () => tx.programmePartner.findUnique({ where: { id } }),
    show: toPartnerResponse,
    check: async (row, current) => {
      const problem = withdrawalProblem(
        changes.joinedOn === undefined ? current.joinedOn : changes.joinedOn,
        changes.withdrewOn === undefined ? current.withdrewOn : changes.withdrewOn,
      );
      if (problem) throw new RuleBroken([problem]);
      if (changes.role && (await roleTaken(tx, row.programmeId, row.organisationId, changes.role, id))) {
        throw new RuleBroken([
          { path: "role", message: `this organisation is already a ${changes.role} of the programme` },
        ]);
      }
    },
    apply: () =>
      tx.programmePartner.update({
        where: { id },
        data: {
          ...changes,
          joinedOn: fromIsoDate(changes.joinedOn),
          withdrewOn: fromIsoDate(changes.withdrewOn),
          version: { increment: 1 },
        },
      }),
    action: "update",
  });
}

/**
 * The lead council grants a partner the right to add cost lines and workstreams to the programme
 * (and to record spend on any of its lines), or takes it back. A change of permission: audited.
 */
export function setPartnerRights(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: PartnerRightsRequest },
): Promise<PartnerResponse> {
  return changeVersioned(tx, {
    ...context,
    table: "ProgrammePartner",
    entity: "Partner",
    id,
    expectedVersion: input.version,
    load: () => tx.programmePartner.findUnique({ where: { id } }),
    show: toPartnerResponse,
    check: (row) => {
      if (row.role === "lead") {
        throw new RuleBroken([{ path: "mayAddCostLines", message: "the lead council always has this right" }]);
      }
    },
    apply: () =>
      tx.programmePartner.update({
        where: { id },
        data: { mayAddCostLines: input.mayAddCostLines, version: { increment: 1 } },
      }),
    action: "update",
  });
}
