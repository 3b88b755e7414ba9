import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, toIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type {
  ApproveReadingRequest,
  BenefitListQuery,
  BenefitReadingListQuery,
  BenefitReadingResponse,
  BenefitResponse,
  CreateBenefitRequest,
  RecordBenefitReadingRequest,
  RetireRequest,
  UpdateBenefitRequest,
} from "@fundline/schemas";
import { Forbidden, NotFound, RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { dateWindow, listPage, orderOf } from "../../lib/paging.ts";
import { assertProgrammeAndWorkstream } from "../../lib/programme-references.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

/** The latest approved reading (what dashboards show), and how many wait for the programme's owner. */
export const withLatestReading = {
  readings: { where: { status: "approved" }, orderBy: { readOn: "desc" as const }, take: 1 },
  _count: { select: { readings: { where: { status: "submitted" } } } },
} satisfies Prisma.BenefitInclude;
type BenefitRow = Prisma.BenefitGetPayload<{ include: typeof withLatestReading }>;

export const toBenefitResponse = (row: BenefitRow): BenefitResponse => {
  const latest = row.readings[0];
  return {
    id: row.id,
    programmeId: row.programmeId,
    workstreamId: row.workstreamId,
    name: row.name,
    measure: row.measure,
    benefitType: row.benefitType,
    direction: row.direction,
    unit: row.unit,
    baselineValue: row.baselineValue?.toString() ?? null,
    targetValue: row.targetValue?.toString() ?? null,
    targetText: row.targetText,
    expectedBy: toIsoDateOrNull(row.expectedBy),
    expectedByPrecision: row.expectedByPrecision,
    expectedByLabel: row.expectedByLabel,
    latestReading: latest ? { readOn: toIsoDate(latest.readOn), value: latest.value.toString() } : null,
    readingsAwaitingApproval: row._count.readings,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    version: row.version,
  };
};

/** "Achieve" benefits are met or not; increase/decrease ones need a number to aim for. */
function assertTarget(direction: string, targetValue: string | null, targetText: string | null) {
  if (direction !== "achieve" && targetValue === null && targetText === null) {
    throw new RuleBroken([{ path: "targetValue", message: `a benefit to ${direction} needs a target value or text` }]);
  }
}

export async function listBenefits(prisma: PrismaClient, query: BenefitListQuery, scope: Scope) {
  const where: Prisma.BenefitWhereInput = {
    programmeId: query.programmeId,
    workstreamId: query.workstreamId,
    benefitType: query.benefitType,
    expectedBy: dateWindow(query),
    programme: visibleProgrammes(scope),
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.benefit.count({ where }),
    rows: (window) =>
      prisma.benefit.findMany({ where, include: withLatestReading, orderBy: orderOf(query), ...window }),
    show: toBenefitResponse,
  });
  return { benefits: items, ...page };
}

export async function createBenefit(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateBenefitRequest },
): Promise<BenefitResponse> {
  await assertProgrammeAndWorkstream(tx, input.programmeId, input.workstreamId);
  assertTarget(input.direction, input.targetValue, input.targetText);
  const after = toBenefitResponse(
    await tx.benefit.create({
      data: { ...input, expectedBy: fromIsoDate(input.expectedBy) },
      include: withLatestReading,
    }),
  );
  return auditCreated(tx, context, "Benefit", after);
}

export function updateBenefit(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateBenefitRequest },
): Promise<BenefitResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Benefit",
    entity: "Benefit",
    id,
    expectedVersion: version,
    load: () => tx.benefit.findUnique({ where: { id }, include: withLatestReading }),
    show: toBenefitResponse,
    check: async (row, current) => {
      if (changes.workstreamId) await assertProgrammeAndWorkstream(tx, row.programmeId, changes.workstreamId);
      assertTarget(
        changes.direction ?? current.direction,
        changes.targetValue === undefined ? current.targetValue : changes.targetValue,
        changes.targetText === undefined ? current.targetText : changes.targetText,
      );
    },
    apply: () =>
      tx.benefit.update({
        where: { id },
        data: { ...changes, expectedBy: fromIsoDate(changes.expectedBy), version: { increment: 1 } },
        include: withLatestReading,
      }),
    action: "update",
  });
}

export function retireBenefit(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<BenefitResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "Benefit",
    entity: "Benefit",
    id,
    input,
    load: () => tx.benefit.findUnique({ where: { id }, include: withLatestReading }),
    show: toBenefitResponse,
    retire: (change) => tx.benefit.update({ where: { id }, data: change, include: withLatestReading }),
  });
}

const readingPeople = {
  enteredBy: { select: { displayName: true } },
  approvedBy: { select: { displayName: true } },
} as const;
type ReadingRow = Prisma.BenefitReadingGetPayload<{ include: typeof readingPeople }>;

const toReadingResponse = (row: ReadingRow): BenefitReadingResponse => ({
  id: row.id,
  benefitId: row.benefitId,
  readOn: toIsoDate(row.readOn),
  value: row.value.toString(),
  note: row.note,
  status: row.status as BenefitReadingResponse["status"],
  enteredBy: row.enteredBy?.displayName ?? null,
  approvedBy: row.approvedBy?.displayName ?? null,
  approvedAt: row.approvedAt?.toISOString() ?? null,
  version: row.version,
});

export async function listBenefitReadings(prisma: PrismaClient, benefitId: string, query: BenefitReadingListQuery) {
  if (!(await prisma.benefit.findUnique({ where: { id: benefitId }, select: { id: true } }))) {
    throw new NotFound("Benefit", benefitId);
  }
  const where: Prisma.BenefitReadingWhereInput = { benefitId, readOn: dateWindow(query) };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.benefitReading.count({ where }),
    rows: (window) =>
      prisma.benefitReading.findMany({ where, include: readingPeople, orderBy: orderOf(query), ...window }),
    show: toReadingResponse,
  });
  return { readings: items, ...page };
}

/** A dated KPI reading; one per benefit per day. */
export async function recordBenefitReading(
  tx: Prisma.TransactionClient,
  { benefitId, input, ...context }: WriteContext & { benefitId: string; input: RecordBenefitReadingRequest },
): Promise<BenefitReadingResponse> {
  const benefit = await tx.benefit.findFirst({
    where: { id: benefitId, retiredAt: null },
    select: { id: true, programme: { select: { readingsApproverId: true } } },
  });
  if (!benefit) throw new NotFound("Benefit", benefitId);
  const readOn = fromIsoDate(input.readOn);
  if (await tx.benefitReading.findUnique({ where: { benefitId_readOn: { benefitId, readOn } } })) {
    throw new RuleBroken([{ path: "readOn", message: `there is already a reading for ${input.readOn}` }]);
  }
  // On a programme whose owner approves its readings, one anyone else enters waits for them.
  const approver = benefit.programme.readingsApproverId;
  const submitted = approver !== null && approver !== context.actor.id;
  const after = toReadingResponse(
    await tx.benefitReading.create({
      data: {
        benefitId,
        readOn,
        value: input.value,
        note: input.note,
        enteredById: context.actor.id,
        status: submitted ? "submitted" : "approved",
        approvedById: approver !== null && !submitted ? context.actor.id : null,
        approvedAt: approver !== null && !submitted ? new Date() : null,
      },
      include: readingPeople,
    }),
  );
  return auditCreated(tx, context, "BenefitReading", after);
}

/**
 * The programme's owner (or an administrator) approves a submitted reading: from then the
 * dashboards show it.
 */
export function approveBenefitReading(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: ApproveReadingRequest },
): Promise<BenefitReadingResponse> {
  return changeVersioned(tx, {
    table: "BenefitReading",
    entity: "Reading",
    id,
    expectedVersion: input.version,
    load: () => tx.benefitReading.findUnique({ where: { id }, include: readingPeople }),
    show: toReadingResponse,
    check: async (row) => {
      if (row.status === "approved")
        throw new RuleBroken([{ path: "id", message: "this reading is approved already" }]);
      const benefit = await tx.benefit.findUniqueOrThrow({
        where: { id: row.benefitId },
        include: { programme: { include: { readingsApprover: { select: { displayName: true } } } } },
      });
      const owner = benefit.programme.readingsApproverId;
      const administrator = context.actor.scope?.organisationId === null;
      if (owner !== context.actor.id && !administrator) {
        throw new Forbidden(
          `Only ${benefit.programme.readingsApprover?.displayName ?? "the programme's owner"}, who owns ${benefit.programme.name}, approves its readings.`,
        );
      }
    },
    apply: () =>
      tx.benefitReading.update({
        where: { id },
        data: { status: "approved", approvedById: context.actor.id, approvedAt: new Date(), version: { increment: 1 } },
        include: readingPeople,
      }),
    action: "update",
    ...context,
  });
}
