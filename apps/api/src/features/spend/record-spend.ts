import type { Prisma } from "@fundline/db";
import { fromIsoDate } from "@fundline/domain";
import type { CreateSpendRequest, RetireRequest, SpendResponse, UpdateSpendRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { assertReferencesExist } from "../../lib/references.ts";
import { assertNotRetired, changeVersioned, retirement } from "../../lib/write-context.ts";
import { toSpendResponse } from "./spend-response.ts";
import { assertSpendFits } from "./spend-rules.ts";
import "./records.ts";

type Context = { actor: Actor; requestId: string };

export async function createSpend(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateSpendRequest },
): Promise<SpendResponse> {
  await assertReferencesExist(tx, [{ path: "programmeId", table: "Programme", id: input.programmeId }]);
  await assertSpendFits(tx, input);
  const created = await tx.spend.create({
    data: {
      ...input,
      ownerOrganisationId: await owningCouncil(tx, actor.organisationId, input.programmeId),
      spentOn: fromIsoDate(input.spentOn),
      amountPence: BigInt(input.amountPence),
      irrecoverableVatPence: BigInt(input.irrecoverableVatPence),
      source: "manual",
    },
  });
  const after = toSpendResponse(created);
  return auditCreated(tx, { actor, requestId }, "Spend", after);
}

export async function updateSpend(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: UpdateSpendRequest },
): Promise<SpendResponse> {
  const { version: _version, ...changes } = input;
  return changeVersioned(tx, {
    ...spendRecord(tx, id, input.version),
    check: async (row) => {
      if (row.retiredAt) throw new RuleBroken([{ path: "id", message: "retired spend cannot be changed" }]);
      await assertSpendFits(tx, {
        programmeId: row.programmeId,
        costLineId: changes.costLineId ?? row.costLineId,
        commitmentId: changes.commitmentId === undefined ? row.commitmentId : changes.commitmentId,
        supplierId: changes.supplierId,
        payingOrganisationId: changes.payingOrganisationId,
        amountPence: changes.amountPence ?? row.amountPence,
        irrecoverableVatPence: changes.irrecoverableVatPence ?? row.irrecoverableVatPence,
      });
    },
    apply: () =>
      tx.spend.update({
        where: { id },
        data: {
          ...changes,
          spentOn: changes.spentOn ? fromIsoDate(changes.spentOn) : undefined,
          amountPence: changes.amountPence === undefined ? undefined : BigInt(changes.amountPence),
          irrecoverableVatPence:
            changes.irrecoverableVatPence === undefined ? undefined : BigInt(changes.irrecoverableVatPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
    actor,
    requestId,
  });
}

export async function retireSpend(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: RetireRequest },
): Promise<SpendResponse> {
  return changeVersioned(tx, {
    ...spendRecord(tx, id, input.version),
    check: (row) => assertNotRetired(row, "spend"),
    apply: () => tx.spend.update({ where: { id }, data: retirement(actor, input.reason) }),
    action: "retire",
    reason: input.reason,
    actor,
    requestId,
  });
}

const spendRecord = (tx: Prisma.TransactionClient, id: string, expectedVersion: number) =>
  ({
    table: "Spend",
    entity: "Spend",
    id,
    expectedVersion,
    load: () => tx.spend.findUnique({ where: { id } }),
    show: toSpendResponse,
  }) as const;
