import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, penceFromBigInt, toIsoDateOrNull } from "@fundline/domain";
import type {
  CreateDecisionRequest,
  DecisionListQuery,
  DecisionResponse,
  RetireRequest,
  UpdateDecisionRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { noSuch } from "../../lib/references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type DecisionRow = Prisma.DecisionGetPayload<object>;

const toDecisionResponse = (row: DecisionRow): DecisionResponse => ({
  id: row.id,
  organisationId: row.organisationId,
  programmeId: row.programmeId,
  reference: row.reference,
  title: row.title,
  decisionType: row.decisionType,
  decisionMaker: row.decisionMaker,
  decidedOn: toIsoDateOrNull(row.decidedOn),
  publishedOn: toIsoDateOrNull(row.publishedOn),
  status: row.status,
  amountPence: row.amountPence === null ? null : penceFromBigInt(row.amountPence),
  retiredAt: row.retiredAt?.toISOString() ?? null,
  version: row.version,
});

const amountOf = (pence: number | null | undefined) =>
  pence === undefined ? undefined : pence === null ? null : BigInt(pence);

export async function listDecisions(prisma: PrismaClient, query: DecisionListQuery, scope: Scope) {
  const where: Prisma.DecisionWhereInput = {
    organisationId: query.organisationId,
    programmeId: query.programmeId,
    decisionType: query.decisionType,
    status: query.status,
    decidedOn: dateWindow(query),
    // A council sees its own decisions and those on programmes in its scope.
    OR:
      scope.organisationId === null
        ? undefined
        : [{ programme: visibleProgrammes(scope) }, { organisationId: scope.organisationId }],
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.decision.count({ where }),
    rows: (window) => prisma.decision.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toDecisionResponse,
  });
  return { decisions: items, ...page };
}

/**
 * Whose decision a user may record: their own organisation's, or (on one of their programmes)
 * the decision of a council leading or partnering it. Any other organisation answers as one
 * that does not exist, before its references are looked at, so nothing of it is told.
 */
async function assertDecisionMaker(
  tx: Prisma.TransactionClient,
  scope: Scope | undefined,
  organisationId: string,
  programmeId: string | null,
) {
  const own = !scope || scope.organisationId === null || scope.organisationId === organisationId;
  const organisation = await tx.organisation.findFirst({
    where: {
      id: organisationId,
      retiredAt: null,
      ...(own
        ? {}
        : {
            OR: [
              { ledProgrammes: { some: { id: programmeId ?? undefined } } },
              { partnerships: { some: { programmeId: programmeId ?? undefined } } },
            ],
          }),
    },
    select: { id: true },
  });
  if (!organisation || (!own && !programmeId)) {
    throw new RuleBroken([noSuch("organisationId", "organisation", organisationId)]);
  }
}

/** A council's decision references are its own and unique (retired decisions keep theirs). */
async function assertReferenceFree(
  tx: Prisma.TransactionClient,
  organisationId: string,
  reference: string | null | undefined,
  exceptId?: string,
) {
  if (!reference) return;
  const taken = await tx.decision.findFirst({
    where: { organisationId, reference, NOT: exceptId ? { id: exceptId } : undefined },
  });
  if (taken) {
    throw new RuleBroken([{ path: "reference", message: `${reference} is already recorded for this organisation` }]);
  }
}

function assertPublishedAfterDecided(decidedOn: string | null, publishedOn: string | null) {
  if (decidedOn && publishedOn && publishedOn < decidedOn) {
    throw new RuleBroken([
      {
        path: "publishedOn",
        message: `a decision cannot be published (${publishedOn}) before it is made (${decidedOn})`,
      },
    ]);
  }
}

export async function createDecision(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateDecisionRequest },
) {
  await assertDecisionMaker(tx, context.actor.scope, input.organisationId, input.programmeId);
  if (input.programmeId) await assertProgrammeAndWorkstream(tx, input.programmeId);
  assertPublishedAfterDecided(input.decidedOn, input.publishedOn);
  await assertReferenceFree(tx, input.organisationId, input.reference);
  const after = toDecisionResponse(
    await tx.decision.create({
      data: {
        ...input,
        decidedOn: fromIsoDate(input.decidedOn),
        publishedOn: fromIsoDate(input.publishedOn),
        amountPence: amountOf(input.amountPence),
      },
    }),
  );
  return auditCreated(tx, context, "Decision", after);
}

export function updateDecision(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateDecisionRequest },
) {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Decision",
    entity: "Decision",
    id,
    expectedVersion: version,
    load: () => tx.decision.findUnique({ where: { id } }),
    show: toDecisionResponse,
    check: async (row, current) => {
      if (changes.programmeId !== undefined) {
        await assertDecisionMaker(tx, context.actor.scope, row.organisationId, changes.programmeId);
      }
      if (changes.programmeId) await assertProgrammeAndWorkstream(tx, changes.programmeId);
      assertPublishedAfterDecided(
        changes.decidedOn === undefined ? current.decidedOn : changes.decidedOn,
        changes.publishedOn === undefined ? current.publishedOn : changes.publishedOn,
      );
      await assertReferenceFree(tx, row.organisationId, changes.reference, id);
    },
    apply: () =>
      tx.decision.update({
        where: { id },
        data: {
          ...changes,
          decidedOn: fromIsoDate(changes.decidedOn),
          publishedOn: fromIsoDate(changes.publishedOn),
          amountPence: amountOf(changes.amountPence),
          version: { increment: 1 },
        },
      }),
    action: "update",
  });
}

/** For a decision recorded in error. A rescinded decision is a status, not a retirement. */
export function retireDecision(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
) {
  return retireVersioned(tx, {
    ...context,
    table: "Decision",
    entity: "Decision",
    id,
    input,
    load: () => tx.decision.findUnique({ where: { id } }),
    show: toDecisionResponse,
    check: async () => {
      const commitments = await tx.fundingCommitment.count({ where: { decisionId: id, retiredAt: null } });
      if (commitments > 0) {
        throw new RuleBroken([
          { path: "id", message: `${commitments} live commitment(s) cite this decision; change or retire them first` },
        ]);
      }
    },
    retire: (change) => tx.decision.update({ where: { id }, data: change }),
  });
}
