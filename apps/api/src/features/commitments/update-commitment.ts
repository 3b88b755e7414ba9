import type { Prisma } from "@fundline/db";
import { fromIsoDate, overAllocationProblem, profileProblem } from "@fundline/domain";
import type { CommitmentResponse, RetireRequest, UpdateCommitmentRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import type { Actor } from "../../lib/audit-trail.ts";
import { assertNotRetired, changeVersioned, retirement } from "../../lib/write-context.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";
import { allocatedOn, assertReferencesExist, parseProfile } from "./commitment-rules.ts";

type WriteOptions<Input> = { id: string; input: Input; actor: Actor; requestId: string };

const commitmentRecord = (tx: Prisma.TransactionClient, id: string, expectedVersion: number) =>
  ({
    table: "FundingCommitment",
    entity: "Commitment",
    id,
    expectedVersion,
    load: () => tx.fundingCommitment.findUnique({ where: { id }, include: withProfile }),
    show: toCommitmentResponse,
  }) as const;

/**
 * Changes a commitment if `input.version` is still current. The row is locked first, so the
 * allocation check and the version check see the same state as the write.
 */
export async function updateCommitment(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: WriteOptions<UpdateCommitmentRequest>,
): Promise<CommitmentResponse> {
  return changeVersioned(tx, {
    ...commitmentRecord(tx, id, input.version),
    check: async (_row, before) => {
      const problems = [profileProblem(input.amountPence ?? before.amountPence, input.profile ?? before.profile)];
      if (input.amountPence !== undefined) {
        problems.push(overAllocationProblem(input.amountPence, await allocatedOn(tx, id)));
      }
      const broken = problems.filter((problem) => problem !== null);
      if (broken.length) throw new RuleBroken(broken);
      await assertReferencesExist(tx, { decisionId: input.decisionId });
    },
    apply: async () => {
      if (input.profile) await tx.commitmentYearProfile.deleteMany({ where: { commitmentId: id } });
      return tx.fundingCommitment.update({
        where: { id },
        data: {
          title: input.title,
          amountPence: input.amountPence === undefined ? undefined : BigInt(input.amountPence),
          status: input.status,
          awardedOn: fromIsoDate(input.awardedOn),
          conditions: input.conditions,
          decisionId: input.decisionId,
          profile: input.profile ? { create: parseProfile(input.profile) } : undefined,
          version: { increment: 1 },
        },
        include: withProfile,
      });
    },
    action: "update",
    actor,
    requestId,
  });
}

/** Retires a commitment: kept for history, removed from totals, with who and why. */
export async function retireCommitment(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: WriteOptions<RetireRequest>,
): Promise<CommitmentResponse> {
  return changeVersioned(tx, {
    ...commitmentRecord(tx, id, input.version),
    check: (row) => assertNotRetired(row, "commitment"),
    apply: () =>
      tx.fundingCommitment.update({ where: { id }, data: retirement(actor, input.reason), include: withProfile }),
    action: "retire",
    reason: input.reason,
    actor,
    requestId,
  });
}
