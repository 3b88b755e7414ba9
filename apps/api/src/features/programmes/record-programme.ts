import type { Prisma } from "@fundline/db";
import { fromIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { CreateProgrammeRequest, RetireRequest, UpdateProgrammeRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../../lib/audit-trail.ts";
import { assertReferencesExist } from "../../lib/references.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";

type Context = { actor: Actor; requestId: string };
type ProgrammeRow = Prisma.ProgrammeGetPayload<object>;

// What the audit trail records of a programme (its own fields; the detail view adds the rest).
const programmeFields = (programme: ProgrammeRow) => ({
  id: programme.id,
  name: programme.name,
  summary: programme.summary,
  leadOrganisationId: programme.leadOrganisationId,
  status: programme.status,
  governanceStage: programme.governanceStage,
  startOn: toIsoDateOrNull(programme.startOn),
  endOn: toIsoDateOrNull(programme.endOn),
  totalCostPence: programme.totalCostPence === null ? null : Number(programme.totalCostPence),
  readingsApproverId: programme.readingsApproverId,
  version: programme.version,
  retiredAt: programme.retiredAt?.toISOString() ?? null,
});

function datesInOrder(startOn: string | null, endOn: string | null) {
  if (startOn && endOn && endOn < startOn) {
    throw new RuleBroken([{ path: "endOn", message: `the end date (${endOn}) is before the start date (${startOn})` }]);
  }
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string | undefined, exceptId?: string) {
  if (name && (await tx.programme.findFirst({ where: { name, id: exceptId ? { not: exceptId } : undefined } }))) {
    throw new RuleBroken([{ path: "name", message: `a programme called "${name}" already exists` }]);
  }
}

/** Creates a programme with its lead organisation recorded as the lead partner. */
export async function createProgramme(
  tx: Prisma.TransactionClient,
  { input, actor, requestId }: Context & { input: CreateProgrammeRequest },
): Promise<{ id: string }> {
  datesInOrder(input.startOn, input.endOn);
  await assertNameFree(tx, input.name);
  await assertReferencesExist(tx, [
    { path: "leadOrganisationId", table: "Organisation", id: input.leadOrganisationId },
  ]);
  const created = await tx.programme.create({
    data: {
      ...input,
      startOn: fromIsoDate(input.startOn),
      endOn: fromIsoDate(input.endOn),
      totalCostPence: input.totalCostPence === null ? null : BigInt(input.totalCostPence),
      partners: {
        create: { organisationId: input.leadOrganisationId, role: "lead", joinedOn: fromIsoDate(input.startOn) },
      },
    },
  });
  await recordAudit(tx, {
    actor,
    entityType: "Programme",
    entityId: created.id,
    action: "create",
    before: null,
    after: programmeFields(created),
    requestId,
  });
  return { id: created.id };
}

export async function updateProgramme(
  tx: Prisma.TransactionClient,
  { id, input, actor, requestId }: Context & { id: string; input: UpdateProgrammeRequest },
): Promise<{ id: string }> {
  const { version: _version, ...changes } = input;
  await changeVersioned(tx, {
    table: "Programme",
    entity: "Programme",
    id,
    expectedVersion: input.version,
    load: () => tx.programme.findFirst({ where: { id, retiredAt: null } }),
    show: programmeFields,
    check: async (_row, before) => {
      datesInOrder(
        changes.startOn === undefined ? before.startOn : changes.startOn,
        changes.endOn === undefined ? before.endOn : changes.endOn,
      );
      await assertNameFree(tx, changes.name, id);
      if (changes.readingsApproverId) await assertMayOwnReadings(tx, id, changes.readingsApproverId);
    },
    apply: () =>
      tx.programme.update({
        where: { id },
        data: {
          ...changes,
          startOn: fromIsoDate(changes.startOn),
          endOn: fromIsoDate(changes.endOn),
          totalCostPence:
            changes.totalCostPence === undefined
              ? undefined
              : changes.totalCostPence === null
                ? null
                : BigInt(changes.totalCostPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
    actor,
    requestId,
  });
  return { id };
}

/** The person who approves a programme's readings works for a council taking part in it. */
async function assertMayOwnReadings(tx: Prisma.TransactionClient, programmeId: string, userId: string) {
  const [taking] = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "User" person JOIN "Programme" programme ON programme.id = ${programmeId}::uuid
      WHERE person.id = ${userId}::uuid AND person.active
        AND (person."organisationId" = programme."leadOrganisationId" OR EXISTS (
          SELECT 1 FROM "ProgrammePartner" partner
          WHERE partner."programmeId" = programme.id AND partner."organisationId" = person."organisationId"))) AS ok`;
  if (!taking?.ok) {
    throw new RuleBroken([
      { path: "readingsApproverId", message: "must be a person of a council taking part in the programme" },
    ]);
  }
}

/**
 * For a programme recorded in error. One that did not go ahead is `unsuccessful` or `closed`
 * (statuses); a programme holding live money cannot be retired, or the money would vanish from view.
 */
export async function retireProgramme(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<{ id: string }> {
  await retireVersioned(tx, {
    ...context,
    table: "Programme",
    entity: "Programme",
    id,
    input,
    load: () => tx.programme.findUnique({ where: { id } }),
    show: programmeFields,
    check: async () => {
      const [commitments, spend] = await Promise.all([
        tx.fundingCommitment.count({ where: { programmeId: id, retiredAt: null } }),
        tx.spend.count({ where: { programmeId: id, retiredAt: null } }),
      ]);
      if (commitments + spend > 0) {
        throw new RuleBroken([
          {
            path: "id",
            message: `${commitments} live commitment(s) and ${spend} spend record(s) belong to this programme; retire them first`,
          },
        ]);
      }
    },
    retire: (change) => tx.programme.update({ where: { id }, data: change }),
  });
  return { id };
}
