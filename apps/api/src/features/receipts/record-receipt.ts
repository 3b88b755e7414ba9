import type { Prisma } from "@fundline/db";
import { fromIsoDate, penceFromBigInt, toIsoDate } from "@fundline/domain";
import type { CreateReceiptRequest, ReceiptResponse, RetireRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { assertNotRetired, changeVersioned, retirement } from "../../plugins/write-context.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";

type Context = { actor: Actor; requestId: string };
type ReceiptRow = Prisma.ReceiptGetPayload<object>;

function toReceiptResponse(receipt: ReceiptRow): ReceiptResponse {
  return {
    id: receipt.id,
    commitmentId: receipt.commitmentId,
    receivedOn: toIsoDate(receipt.receivedOn),
    amountPence: penceFromBigInt(receipt.amountPence),
    reference: receipt.reference,
    version: receipt.version,
    retiredAt: receipt.retiredAt?.toISOString() ?? null,
    retirementReason: receipt.retirementReason,
  };
}

/** Money the funder actually paid against a commitment (awarded is not received). */
export async function createReceipt(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateReceiptRequest },
): Promise<ReceiptResponse> {
  const commitment = await tx.fundingCommitment.findFirst({ where: { id: input.commitmentId, retiredAt: null } });
  if (!commitment)
    throw new RuleBroken([{ path: "commitmentId", message: `no such commitment: ${input.commitmentId}` }]);
  if (commitment.status !== "awarded" && commitment.status !== "received") {
    throw new RuleBroken([
      { path: "commitmentId", message: `money cannot be received against a commitment that is ${commitment.status}` },
    ]);
  }
  const created = await tx.receipt.create({
    data: {
      commitmentId: input.commitmentId,
      receivedOn: fromIsoDate(input.receivedOn),
      amountPence: BigInt(input.amountPence),
      reference: input.reference,
    },
  });
  const after = toReceiptResponse(created);
  await recordAudit(tx, {
    actor,
    entityType: "Receipt",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId,
  });
  return after;
}

export async function retireReceipt(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: RetireRequest },
): Promise<ReceiptResponse> {
  return changeVersioned(tx, {
    table: "Receipt",
    entity: "Receipt",
    id,
    expectedVersion: input.version,
    load: () => tx.receipt.findUnique({ where: { id } }),
    show: toReceiptResponse,
    check: (row) => assertNotRetired(row, "receipt"),
    apply: () => tx.receipt.update({ where: { id }, data: retirement(actor, input.reason) }),
    action: "retire",
    reason: input.reason,
    actor,
    requestId,
  });
}
