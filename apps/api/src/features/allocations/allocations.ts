import type { Prisma, PrismaClient } from "@fundline/db";
import { overAllocationProblem, penceFromBigInt } from "@fundline/domain";
import type {
  AllocationListQuery,
  AllocationResponse,
  CreateAllocationRequest,
  RetireRequest,
  UpdateAllocationRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { noSuch } from "../../lib/references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { assertNotRetired, changeVersioned, retirement, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type AllocationRow = Prisma.AllocationGetPayload<object>;

export const toAllocationResponse = (row: AllocationRow): AllocationResponse => ({
  id: row.id,
  commitmentId: row.commitmentId,
  costLineId: row.costLineId,
  amountPence: penceFromBigInt(row.amountPence),
  note: row.note,
  version: row.version,
  retiredAt: row.retiredAt?.toISOString() ?? null,
  retirementReason: row.retirementReason,
});

export async function listAllocations(prisma: PrismaClient, query: AllocationListQuery, scope: Scope) {
  const where: Prisma.AllocationWhereInput = {
    commitmentId: query.commitmentId,
    costLineId: query.costLineId,
    costLine: { programmeId: query.programmeId, programme: visibleProgrammes(scope) },
    commitment: query.funderId ? { fund: { funderId: query.funderId } } : undefined,
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.allocation.count({ where }),
    rows: (window) =>
      prisma.allocation.findMany({
        where,
        include: {
          commitment: { select: { id: true, title: true } },
          costLine: { select: { id: true, name: true, programme: { select: { id: true, name: true } } } },
        },
        orderBy: orderOf(query),
        ...window,
      }),
    show: (row) => ({
      ...toAllocationResponse(row),
      commitment: row.commitment,
      costLine: { id: row.costLine.id, name: row.costLine.name },
      programme: row.costLine.programme,
    }),
  });
  return { allocations: items, ...page };
}

/**
 * Allocates money from a commitment to a cost line. The commitment's row is locked first, so
 * concurrent allocations queue and each sees the others' totals: the sum can never pass the
 * commitment. `lockCommitment: false` exists only so a test can show the guard matters.
 */
export async function createAllocation(
  tx: Prisma.TransactionClient,
  options: { input: CreateAllocationRequest; actor: Actor; requestId: string; lockCommitment?: boolean },
): Promise<AllocationResponse> {
  const { input } = options;
  await assertAllocatable(tx, {
    commitmentId: input.commitmentId,
    costLineId: input.costLineId,
    amountPence: input.amountPence,
    lockCommitment: options.lockCommitment !== false,
  });

  const line = await tx.costLine.findUnique({ where: { id: input.costLineId }, select: { programmeId: true } });
  const created = await tx.allocation.create({
    data: {
      commitmentId: input.commitmentId,
      ownerOrganisationId: await owningCouncil(tx, options.actor.organisationId, line?.programmeId ?? null),
      costLineId: input.costLineId,
      amountPence: BigInt(input.amountPence),
      note: input.note,
    },
  });
  const response = toAllocationResponse(created);
  return auditCreated(tx, { actor: options.actor, requestId: options.requestId }, "Allocation", response);
}

/**
 * Locks the commitment (so concurrent allocations queue), then checks the line belongs to the
 * same programme, the commitment can be drawn on, and the new total stays within it.
 * `alreadyAllocatedHere` is this allocation's current amount when it is being changed.
 */
async function assertAllocatable(
  tx: Prisma.TransactionClient,
  options: {
    commitmentId: string;
    costLineId: string;
    amountPence: number;
    lockCommitment: boolean;
    alreadyAllocatedHere?: number;
  },
) {
  const lock = options.lockCommitment ? "FOR UPDATE" : "";
  const [commitment] = await tx.$queryRawUnsafe<
    { amountPence: bigint; programmeId: string | null; retired: boolean; status: string }[]
  >(
    `SELECT "amountPence", "programmeId"::text AS "programmeId", "retiredAt" IS NOT NULL AS retired, status::text AS status
     FROM "FundingCommitment" WHERE id = $1::uuid ${lock}`,
    options.commitmentId,
  );
  if (!commitment || commitment.retired) {
    throw new RuleBroken([noSuch("commitmentId", "commitment", options.commitmentId)]);
  }
  const line = await tx.costLine.findFirst({ where: { id: options.costLineId, retiredAt: null } });
  if (!line) throw new RuleBroken([noSuch("costLineId", "cost line", options.costLineId)]);
  if (commitment.programmeId !== null && commitment.programmeId !== line.programmeId) {
    throw new RuleBroken([
      { path: "costLineId", message: "the cost line belongs to a different programme from the commitment" },
    ]);
  }
  if (commitment.status === "unsuccessful" || commitment.status === "withdrawn") {
    throw new RuleBroken([
      { path: "commitmentId", message: `money cannot be allocated from a commitment that is ${commitment.status}` },
    ]);
  }
  const problem = overAllocationProblem(
    penceFromBigInt(commitment.amountPence),
    (await allocatedOn(tx, options.commitmentId)) - (options.alreadyAllocatedHere ?? 0) + options.amountPence,
  );
  if (problem) throw new RuleBroken([problem]);
}

export function updateAllocation(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateAllocationRequest },
): Promise<AllocationResponse> {
  const { version, changeReason: _why, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Allocation",
    entity: "Allocation",
    id,
    expectedVersion: version,
    load: () => tx.allocation.findUnique({ where: { id } }),
    show: toAllocationResponse,
    check: async (row, current) => {
      assertNotRetired(row, "allocation");
      await assertAllocatable(tx, {
        commitmentId: row.commitmentId,
        costLineId: changes.costLineId ?? row.costLineId,
        amountPence: changes.amountPence ?? current.amountPence,
        lockCommitment: true,
        alreadyAllocatedHere: current.amountPence,
      });
    },
    apply: () =>
      tx.allocation.update({
        where: { id },
        data: {
          ...changes,
          amountPence: changes.amountPence === undefined ? undefined : BigInt(changes.amountPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
  });
}

/** Returns the money to the commitment; the allocation stays in history. */
export function retireAllocation(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<AllocationResponse> {
  return changeVersioned(tx, {
    ...context,
    table: "Allocation",
    entity: "Allocation",
    id,
    expectedVersion: input.version,
    load: () => tx.allocation.findUnique({ where: { id } }),
    show: toAllocationResponse,
    check: (row) => assertNotRetired(row, "allocation"),
    apply: () => tx.allocation.update({ where: { id }, data: retirement(context.actor, input.reason) }),
    action: "retire",
    reason: input.reason,
  });
}

/** Pence allocated (not retired) from a commitment, summed in SQL. */
export async function allocatedOn(tx: Prisma.TransactionClient, commitmentId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ pence: bigint }[]>`
    SELECT coalesce(sum("amountPence"), 0)::bigint AS pence FROM "Allocation"
    WHERE "commitmentId" = ${commitmentId}::uuid AND "retiredAt" IS NULL`;
  return Number(row?.pence ?? 0n);
}
