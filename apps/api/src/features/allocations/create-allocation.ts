import type { Prisma } from "@fundline/db";
import { overAllocationProblem, penceFromBigInt } from "@fundline/domain";
import type { AllocationResponse, CreateAllocationRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { allocatedOn } from "../commitments/commitment-rules.ts";

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
  const lock = options.lockCommitment === false ? "" : "FOR UPDATE";
  const [commitment] = await tx.$queryRawUnsafe<
    { amountPence: bigint; programmeId: string | null; retired: boolean; status: string }[]
  >(
    `SELECT "amountPence", "programmeId"::text AS "programmeId", "retiredAt" IS NOT NULL AS retired, status::text AS status
     FROM "FundingCommitment" WHERE id = $1::uuid ${lock}`,
    input.commitmentId,
  );
  if (!commitment || commitment.retired) {
    throw new RuleBroken([{ path: "commitmentId", message: `no such commitment: ${input.commitmentId}` }]);
  }
  const line = await tx.costLine.findFirst({ where: { id: input.costLineId, retiredAt: null } });
  if (!line) throw new RuleBroken([{ path: "costLineId", message: `no such cost line: ${input.costLineId}` }]);
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
    (await allocatedOn(tx, input.commitmentId)) + input.amountPence,
  );
  if (problem) throw new RuleBroken([problem]);

  const created = await tx.allocation.create({
    data: {
      commitmentId: input.commitmentId,
      costLineId: input.costLineId,
      amountPence: BigInt(input.amountPence),
      note: input.note,
    },
  });
  const response: AllocationResponse = {
    id: created.id,
    commitmentId: created.commitmentId,
    costLineId: created.costLineId,
    amountPence: penceFromBigInt(created.amountPence),
    note: created.note,
    version: created.version,
  };
  await recordAudit(tx, {
    actor: options.actor,
    entityType: "Allocation",
    entityId: created.id,
    action: "create",
    before: null,
    after: response,
    requestId: options.requestId,
  });
  return response;
}
