import type { Prisma } from "@fundline/db";
import { fromIsoDate, overAllocationProblem, profileProblem } from "@fundline/domain";
import type { CommitmentResponse, RetireRequest, UpdateCommitmentRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import type { Actor } from "../../lib/audit-trail.ts";
import { assertNotRetired, changeVersioned, retirement } from "../../lib/write-context.ts";
import { allocatedOn } from "../allocations/index.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";
import { assertReferencesExist, parseProfile } from "./commitment-rules.ts";
import "./records.ts";

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
      if (input.programmeId !== undefined && input.programmeId !== before.programmeId) {
        problems.push(await moveProblem(tx, id));
      }
      const broken = problems.filter((problem) => problem !== null);
      if (broken.length) throw new RuleBroken(broken);
      await assertReferencesExist(tx, { decisionId: input.decisionId, programmeId: input.programmeId });
    },
    apply: async () => {
      // Only the years that change are written: a year in a closed period that stays as it was
      // is not a write into that period.
      const profile = input.profile ? await changedYears(tx, id, parseProfile(input.profile)) : null;
      if (profile?.gone.length) {
        await tx.commitmentYearProfile.deleteMany({ where: { id: { in: profile.gone } } });
      }
      return tx.fundingCommitment.update({
        where: { id },
        data: {
          title: input.title,
          amountPence: input.amountPence === undefined ? undefined : BigInt(input.amountPence),
          status: input.status,
          awardedOn: fromIsoDate(input.awardedOn),
          conditions: input.conditions,
          decisionId: input.decisionId,
          programmeId: input.programmeId,
          profile: profile?.added.length ? { create: profile.added } : undefined,
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

/**
 * A commitment changes programme only while nothing hangs off it there: an allocation is to the
 * old programme's line, and spend naming it was spent on the old programme.
 */
async function moveProblem(tx: Prisma.TransactionClient, id: string) {
  const [allocated, namingSpend] = await Promise.all([
    allocatedOn(tx, id),
    tx.spend.count({ where: { commitmentId: id, retiredAt: null } }),
  ]);
  if (allocated === 0 && namingSpend === 0) return null;
  return {
    path: "programmeId",
    message: "cannot change while money is allocated from this commitment or spend names it; retire those first",
  };
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

/** The profile's years to remove (by id) and to add, for the profile to become `next`. */
async function changedYears(
  tx: Prisma.TransactionClient,
  commitmentId: string,
  next: { financialYear: number; amountPence: bigint }[],
) {
  const current = await tx.commitmentYearProfile.findMany({ where: { commitmentId } });
  const same = (a: { financialYear: number; amountPence: bigint }, b: typeof a) =>
    a.financialYear === b.financialYear && a.amountPence === b.amountPence;
  return {
    gone: current.filter((year) => !next.some((wanted) => same(year, wanted))).map((year) => year.id),
    added: next.filter((wanted) => !current.some((year) => same(year, wanted))),
  };
}
