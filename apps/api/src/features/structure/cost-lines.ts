import type { Prisma, PrismaClient } from "@fundline/db";
import type { CostLineListQuery, CreateCostLineRequest, RetireRequest, UpdateCostLineRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import { assertNameFreeInProgramme } from "./workstreams.ts";
import "./records.ts";

type CostLineRow = Prisma.CostLineGetPayload<object>;

const toCostLineResponse = (row: CostLineRow) => ({
  id: row.id,
  programmeId: row.programmeId,
  workstreamId: row.workstreamId,
  name: row.name,
  ledgerCode: row.ledgerCode,
  retiredAt: row.retiredAt?.toISOString() ?? null,
  version: row.version,
});

export async function listCostLines(prisma: PrismaClient, programmeId: string, query: CostLineListQuery) {
  await assertProgrammeAndWorkstream(prisma, programmeId);
  const where: Prisma.CostLineWhereInput = {
    programmeId,
    workstreamId: query.workstreamId,
    ledgerCode: query.ledgerCode,
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.costLine.count({ where }),
    rows: (window) => prisma.costLine.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toCostLineResponse,
  });
  return { costLines: items, ...page };
}

export async function createCostLine(
  tx: Prisma.TransactionClient,
  { programmeId, input, ...context }: WriteContext & { programmeId: string; input: CreateCostLineRequest },
) {
  await assertProgrammeAndWorkstream(tx, programmeId, input.workstreamId);
  await assertNameFreeInProgramme((where) => tx.costLine.findFirst({ where }), programmeId, input.name);
  const ownerOrganisationId = await owningCouncil(tx, context.actor.organisationId, programmeId);
  const after = toCostLineResponse(await tx.costLine.create({ data: { ...input, programmeId, ownerOrganisationId } }));
  return auditCreated(tx, context, "CostLine", after);
}

export function updateCostLine(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateCostLineRequest },
) {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "CostLine",
    entity: "Cost line",
    id,
    expectedVersion: version,
    load: () => tx.costLine.findUnique({ where: { id } }),
    show: toCostLineResponse,
    check: async (row) => {
      if (changes.workstreamId) await assertProgrammeAndWorkstream(tx, row.programmeId, changes.workstreamId);
      if (changes.name) {
        await assertNameFreeInProgramme((where) => tx.costLine.findFirst({ where }), row.programmeId, changes.name, id);
      }
    },
    apply: () => tx.costLine.update({ where: { id }, data: { ...changes, version: { increment: 1 } } }),
    action: "update",
  });
}

/** A line still carrying live money cannot be retired: its allocations and spend would lose their line. */
export function retireCostLine(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
) {
  return retireVersioned(tx, {
    ...context,
    table: "CostLine",
    entity: "Cost line",
    id,
    input,
    load: () => tx.costLine.findUnique({ where: { id } }),
    show: toCostLineResponse,
    check: async () => {
      const [allocations, spend] = await Promise.all([
        tx.allocation.count({ where: { costLineId: id, retiredAt: null } }),
        tx.spend.count({ where: { costLineId: id, retiredAt: null } }),
      ]);
      if (allocations + spend > 0) {
        throw new RuleBroken([
          {
            path: "id",
            message: `${allocations} allocation(s) and ${spend} spend record(s) are still on this cost line; retire them first`,
          },
        ]);
      }
    },
    retire: (change) => tx.costLine.update({ where: { id }, data: change }),
  });
}
