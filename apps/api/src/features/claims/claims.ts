// Claims a council makes to its funder against a commitment: recorded when made, paid when the
// receipt that records the money is tied to it. Until then the reconciliation counts it as
// claimed, not received.
import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, penceFromBigInt, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { ClaimPaidRequest, ClaimResponse, CreateClaimRequest, RetireRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { noSuch } from "../../lib/references.ts";
import { assertNotRetired, changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

const withPeople = {
  createdBy: { select: { displayName: true } },
  receipt: { select: { receivedOn: true } },
} as const;
type ClaimRow = Prisma.FunderClaimGetPayload<{ include: typeof withPeople }>;

export function toClaimResponse(row: ClaimRow): ClaimResponse {
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    periodFrom: toIsoDate(row.periodFrom),
    periodTo: toIsoDate(row.periodTo),
    amountPence: penceFromBigInt(row.amountPence),
    claimedOn: toIsoDate(row.claimedOn),
    reference: row.reference,
    receiptId: row.receiptId,
    paidOn: toIsoDateOrNull(row.receipt?.receivedOn ?? null),
    createdBy: row.createdBy?.displayName ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** A commitment's live claims, the latest period first. */
export async function claimsOf(prisma: Pick<PrismaClient, "funderClaim">, commitmentId: string) {
  const rows = await prisma.funderClaim.findMany({
    where: { commitmentId, retiredAt: null },
    include: withPeople,
    orderBy: [{ periodFrom: "desc" }, { claimedOn: "desc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map(toClaimResponse);
}

export async function createClaim(
  tx: Prisma.TransactionClient,
  { input, ...write }: WriteContext & { input: CreateClaimRequest },
): Promise<ClaimResponse> {
  const commitment = await tx.fundingCommitment.findFirst({ where: { id: input.commitmentId, retiredAt: null } });
  if (!commitment) throw new RuleBroken([noSuch("commitmentId", "commitment", input.commitmentId)]);
  if (commitment.status !== "awarded" && commitment.status !== "received") {
    throw new RuleBroken([
      { path: "commitmentId", message: `nothing can be claimed against a commitment that is ${commitment.status}` },
    ]);
  }
  const row = await tx.funderClaim.create({
    data: {
      commitmentId: input.commitmentId,
      periodFrom: fromIsoDate(input.periodFrom),
      periodTo: fromIsoDate(input.periodTo),
      amountPence: BigInt(input.amountPence),
      claimedOn: fromIsoDate(input.claimedOn),
      reference: input.reference,
      createdById: write.actor.id,
    },
    include: withPeople,
  });
  return auditCreated(tx, write, "FunderClaim", toClaimResponse(row));
}

const claimRecord = (tx: Prisma.TransactionClient, id: string) =>
  ({
    table: "FunderClaim",
    entity: "Claim",
    id,
    load: () => tx.funderClaim.findUnique({ where: { id }, include: withPeople }),
    show: toClaimResponse,
  }) as const;

/** Ties the receipt that paid the claim: of the same commitment, live, and paying no other claim. */
export function markClaimPaid(
  tx: Prisma.TransactionClient,
  { id, input, ...write }: WriteContext & { id: string; input: ClaimPaidRequest },
): Promise<ClaimResponse> {
  return changeVersioned(tx, {
    ...claimRecord(tx, id),
    expectedVersion: input.version,
    check: async (row) => {
      assertNotRetired(row, "claim");
      if (row.receiptId) throw new RuleBroken([{ path: "id", message: "this claim is paid already" }]);
      const receipt = await tx.receipt.findFirst({
        where: { id: input.receiptId, retiredAt: null },
        include: { claim: { select: { id: true } } },
      });
      if (!receipt || receipt.commitmentId !== row.commitmentId) {
        throw new RuleBroken([{ path: "receiptId", message: "must be a live receipt of the claim's commitment" }]);
      }
      if (receipt.claim) throw new RuleBroken([{ path: "receiptId", message: "pays another claim already" }]);
    },
    apply: () =>
      tx.funderClaim.update({
        where: { id },
        data: { receiptId: input.receiptId, version: { increment: 1 } },
        include: withPeople,
      }),
    action: "update",
    ...write,
  });
}

/** Withdraws a claim made in error: kept for history, no longer counted as claimed. */
export function retireClaim(
  tx: Prisma.TransactionClient,
  { id, input, ...write }: WriteContext & { id: string; input: RetireRequest },
): Promise<ClaimResponse> {
  return retireVersioned(tx, {
    ...claimRecord(tx, id),
    input,
    retire: (change) =>
      tx.funderClaim.update({
        where: { id },
        data: { ...change, retirementReason: input.reason },
        include: withPeople,
      }),
    ...write,
  });
}
