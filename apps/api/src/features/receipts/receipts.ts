import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, penceFromBigInt, toIsoDate } from "@fundline/domain";
import type {
  CreateReceiptRequest,
  ReceiptListQuery,
  ReceiptResponse,
  RetireRequest,
  UpdateReceiptRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { noSuch } from "../../lib/references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { assertNotRetired, changeVersioned, retirement, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type Context = { actor: Actor; requestId: string };
type ReceiptRow = Prisma.ReceiptGetPayload<object>;

export function toReceiptResponse(receipt: ReceiptRow): ReceiptResponse {
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

export async function listReceipts(prisma: PrismaClient, query: ReceiptListQuery, scope: Scope) {
  const where: Prisma.ReceiptWhereInput = {
    commitmentId: query.commitmentId,
    commitment: {
      programmeId: query.programmeId,
      fund: query.funderId ? { funderId: query.funderId } : undefined,
      OR:
        scope.organisationId === null
          ? undefined
          : [{ programme: visibleProgrammes(scope) }, { programmeId: null, recipientId: scope.organisationId }],
    },
    receivedOn: dateWindow(query),
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.receipt.count({ where }),
    rows: (window) =>
      prisma.receipt.findMany({
        where,
        include: {
          commitment: {
            select: { id: true, title: true, fund: { select: { funder: { select: { id: true, name: true } } } } },
          },
        },
        orderBy: orderOf(query),
        ...window,
      }),
    show: (row) => ({
      ...toReceiptResponse(row),
      commitment: { id: row.commitment.id, title: row.commitment.title },
      funder: row.commitment.fund.funder,
    }),
  });
  return { receipts: items, ...page };
}

/** Money the funder actually paid against a commitment (awarded is not received). */
export async function createReceipt(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateReceiptRequest },
): Promise<ReceiptResponse> {
  const commitment = await tx.fundingCommitment.findFirst({ where: { id: input.commitmentId, retiredAt: null } });
  if (!commitment) throw new RuleBroken([noSuch("commitmentId", "commitment", input.commitmentId)]);
  if (commitment.status !== "awarded" && commitment.status !== "received") {
    throw new RuleBroken([
      { path: "commitmentId", message: `money cannot be received against a commitment that is ${commitment.status}` },
    ]);
  }
  const created = await tx.receipt.create({
    data: {
      commitmentId: input.commitmentId,
      ownerOrganisationId: await owningCouncil(tx, actor.organisationId, commitment.programmeId),
      receivedOn: fromIsoDate(input.receivedOn),
      amountPence: BigInt(input.amountPence),
      reference: input.reference,
    },
  });
  const after = toReceiptResponse(created);
  return auditCreated(tx, { actor, requestId }, "Receipt", after);
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

export function updateReceipt(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateReceiptRequest },
): Promise<ReceiptResponse> {
  const { version, changeReason: _why, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Receipt",
    entity: "Receipt",
    id,
    expectedVersion: version,
    load: () => tx.receipt.findUnique({ where: { id } }),
    show: toReceiptResponse,
    check: (row) => assertNotRetired(row, "receipt"),
    apply: () =>
      tx.receipt.update({
        where: { id },
        data: {
          ...changes,
          receivedOn: fromIsoDate(changes.receivedOn),
          amountPence: changes.amountPence === undefined ? undefined : BigInt(changes.amountPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
  });
}
