import type { Prisma } from "@fundline/db";
import { overAllocationProblem, profileProblem } from "@fundline/domain";
import type { CommitmentResponse, RetireRequest, UpdateCommitmentRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { lockForWrite } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";
import { allocatedOn, assertReferencesExist, parseProfile } from "./commitment-rules.ts";

type WriteOptions<Input> = { id: string; input: Input; actor: Actor; requestId: string };

/**
 * Changes a commitment if `input.version` is still current. The row is locked first, so the
 * allocation check and the version check see the same state as the write.
 */
export async function updateCommitment(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: WriteOptions<UpdateCommitmentRequest>,
): Promise<CommitmentResponse> {
  const before = await lockCurrent(tx, id, input.version);
  const amountPence = input.amountPence ?? before.amountPence;
  const profile = input.profile ?? before.profile;
  const problems = [profileProblem(amountPence, profile)];
  if (input.amountPence !== undefined) {
    problems.push(overAllocationProblem(input.amountPence, await allocatedOn(tx, id)));
  }
  const broken = problems.filter((problem) => problem !== null);
  if (broken.length) throw new RuleBroken(broken);
  await assertReferencesExist(tx, { decisionId: input.decisionId });

  if (input.profile) await tx.commitmentYearProfile.deleteMany({ where: { commitmentId: id } });
  const updated = await tx.fundingCommitment.update({
    where: { id },
    data: {
      title: input.title,
      amountPence: input.amountPence === undefined ? undefined : BigInt(input.amountPence),
      status: input.status,
      awardedOn:
        input.awardedOn === undefined ? undefined : input.awardedOn ? new Date(`${input.awardedOn}T00:00:00Z`) : null,
      conditions: input.conditions,
      decisionId: input.decisionId,
      profile: input.profile ? { create: parseProfile(input.profile) } : undefined,
      version: { increment: 1 },
    },
    include: withProfile,
  });
  const after = toCommitmentResponse(updated);
  await recordAudit(tx, {
    actor,
    entityType: "FundingCommitment",
    entityId: id,
    action: "update",
    before,
    after,
    requestId,
  });
  return after;
}

/** Retires a commitment: kept for history, removed from totals, with who and why. */
export async function retireCommitment(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: WriteOptions<RetireRequest>,
): Promise<CommitmentResponse> {
  const before = await lockCurrent(tx, id, input.version);
  if (before.retiredAt) throw new RuleBroken([{ path: "id", message: "this commitment is already retired" }]);
  const updated = await tx.fundingCommitment.update({
    where: { id },
    data: { retiredAt: new Date(), retiredById: actor.id, retirementReason: input.reason, version: { increment: 1 } },
    include: withProfile,
  });
  const after = toCommitmentResponse(updated);
  await recordAudit(tx, {
    actor,
    entityType: "FundingCommitment",
    entityId: id,
    action: "retire",
    before,
    after,
    reason: input.reason,
    requestId,
  });
  return after;
}

async function lockCurrent(tx: Prisma.TransactionClient, id: string, expectedVersion: number) {
  const { shown } = await lockForWrite(tx, {
    table: "FundingCommitment",
    id,
    expectedVersion,
    entity: "Commitment",
    load: () => tx.fundingCommitment.findUnique({ where: { id }, include: withProfile }),
    show: toCommitmentResponse,
  });
  return shown;
}
