import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  CreateWorkstreamRequest,
  RetireRequest,
  UpdateWorkstreamRequest,
  WorkstreamListQuery,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type WorkstreamRow = Prisma.WorkstreamGetPayload<object>;

const toWorkstreamResponse = (row: WorkstreamRow) => ({
  id: row.id,
  programmeId: row.programmeId,
  name: row.name,
  description: row.description,
  retiredAt: row.retiredAt?.toISOString() ?? null,
  version: row.version,
});

/** Names are unique within a programme, retired ones included (the database says so too). */
export async function assertNameFreeInProgramme(
  taken: (where: { programmeId: string; name: string; NOT?: { id: string } }) => Promise<unknown>,
  programmeId: string,
  name: string,
  exceptId?: string,
) {
  if (await taken({ programmeId, name, NOT: exceptId ? { id: exceptId } : undefined })) {
    throw new RuleBroken([{ path: "name", message: `"${name}" is already used in this programme` }]);
  }
}

export async function listWorkstreams(prisma: PrismaClient, programmeId: string, query: WorkstreamListQuery) {
  await assertProgrammeAndWorkstream(prisma, programmeId);
  const where: Prisma.WorkstreamWhereInput = { programmeId, retiredAt: query.includeRetired ? undefined : null };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.workstream.count({ where }),
    rows: (window) => prisma.workstream.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toWorkstreamResponse,
  });
  return { workstreams: items, ...page };
}

export async function createWorkstream(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: WriteContext & { programmeId: string; input: CreateWorkstreamRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId);
  await assertNameFreeInProgramme((where) => tx.workstream.findFirst({ where }), programmeId, input.name);
  const after = toWorkstreamResponse(await tx.workstream.create({ data: { ...input, programmeId } }));
  return auditCreated(tx, context, "Workstream", after);
}

export function updateWorkstream(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateWorkstreamRequest },
) {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Workstream",
    entity: "Workstream",
    id,
    expectedVersion: version,
    load: () => tx.workstream.findUnique({ where: { id } }),
    show: toWorkstreamResponse,
    check: async (row) => {
      if (changes.name) {
        await assertNameFreeInProgramme(
          (where) => tx.workstream.findFirst({ where }),
          row.programmeId,
          changes.name,
          id,
        );
      }
    },
    apply: () => tx.workstream.update({ where: { id }, data: { ...changes, version: { increment: 1 } } }),
    action: "update",
  });
}

export function retireWorkstream(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
) {
  return retireVersioned(tx, {
    ...context,
    table: "Workstream",
    entity: "Workstream",
    id,
    input,
    load: () => tx.workstream.findUnique({ where: { id } }),
    show: toWorkstreamResponse,
    check: async () => {
      const [costLines, milestones] = await Promise.all([
        tx.costLine.count({ where: { workstreamId: id, retiredAt: null } }),
        tx.milestone.count({ where: { workstreamId: id, retiredAt: null } }),
      ]);
      if (costLines + milestones > 0) {
        throw new RuleBroken([
          {
            path: "id",
            message: `${costLines} cost line(s) and ${milestones} milestone(s) still belong to this workstream; move or retire them first`,
          },
        ]);
      }
    },
    retire: (change) => tx.workstream.update({ where: { id }, data: change }),
  });
}
