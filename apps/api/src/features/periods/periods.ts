// A council closes a month or a financial year: from then nothing dated inside it is written
// (the database refuses it: prisma/sql/closed-periods.sql). Re-opening takes two people: one
// asks, with a reason; another finance officer or an administrator of the council agrees.
import "./records.ts";
import type { Prisma, PrismaClient } from "@fundline/db";
import { parseFinancialYearLabel, periodSpan, toIsoDate } from "@fundline/domain";
import type { ClosePeriodRequest, PeriodCloseResponse, PeriodListResponse } from "@fundline/schemas";
import { Forbidden, RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { changeVersioned, type WriteContext } from "../../lib/write-context.ts";

const people = {
  closedBy: { select: { id: true, displayName: true } },
  reopenRequestedBy: { select: { id: true, displayName: true } },
  reopenedBy: { select: { id: true, displayName: true } },
} as const;
type PeriodRow = Prisma.PeriodCloseGetPayload<{ include: typeof people }>;

function shown(row: PeriodRow): PeriodCloseResponse {
  return {
    id: row.id,
    kind: row.kind as "month" | "year",
    label: row.label,
    startsOn: toIsoDate(row.startsOn),
    endsOn: toIsoDate(row.endsOn),
    closedBy: row.closedBy,
    closedAt: row.closedAt.toISOString(),
    reopenRequestedBy: row.reopenRequestedBy,
    reopenRequestedAt: row.reopenRequestedAt?.toISOString() ?? null,
    reopenReason: row.reopenReason,
    reopenedBy: row.reopenedBy,
    reopenedAt: row.reopenedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** The council's closes, the latest period first, re-opened ones kept as history. */
export async function listPeriods(prisma: PrismaClient, council: string | undefined): Promise<PeriodListResponse> {
  if (!council) return { periods: [] };
  const rows = await prisma.periodClose.findMany({
    where: { organisationId: council },
    include: people,
    orderBy: [{ startsOn: "desc" }, { closedAt: "desc" }],
    take: 500,
  });
  return { periods: rows.map(shown) };
}

function councilOf(write: WriteContext): string {
  const council = write.actor.organisationId;
  if (!council) throw new RuleBroken([{ path: "kind", message: "only a council's own users close its periods" }]);
  return council;
}

/** Closes the month or financial year, unless it (or a period holding it) is closed already. */
export async function closePeriod(
  tx: Prisma.TransactionClient,
  { input, ...write }: WriteContext & { input: ClosePeriodRequest },
): Promise<PeriodCloseResponse> {
  const council = councilOf(write);
  const span = periodSpan(
    input.kind === "month"
      ? { kind: "month", month: input.month }
      : { kind: "year", financialYear: parseFinancialYearLabel(input.financialYear) },
  );
  // One close at a time per council, so two overlapping closes cannot both pass the check.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`period-close:${council}`}))`;
  const overlapping = await tx.periodClose.findFirst({
    where: {
      organisationId: council,
      reopenedAt: null,
      startsOn: { lte: new Date(span.endsOn) },
      endsOn: { gte: new Date(span.startsOn) },
    },
  });
  if (overlapping) {
    throw new RuleBroken([
      {
        path: input.kind === "month" ? "month" : "financialYear",
        message:
          overlapping.label === span.label
            ? `${span.label} is closed already`
            : `${span.label} overlaps ${overlapping.label}, which is closed: a period is closed once`,
      },
    ]);
  }
  const row = await tx.periodClose.create({
    data: {
      organisationId: council,
      kind: input.kind,
      label: span.label,
      startsOn: new Date(span.startsOn),
      endsOn: new Date(span.endsOn),
      closedById: write.actor.id,
    },
    include: people,
  });
  return auditCreated(tx, write, "PeriodClose", shown(row));
}

const periodRecord = (tx: Prisma.TransactionClient, id: string, version: number) =>
  ({
    table: "PeriodClose",
    entity: "Closed period",
    id,
    expectedVersion: version,
    load: () => tx.periodClose.findUnique({ where: { id }, include: people }),
    show: shown,
  }) as const;

/** Asks for a closed period to be re-opened, with the reason: nothing moves until another agrees. */
export async function requestReopening(
  tx: Prisma.TransactionClient,
  { id, input, ...write }: WriteContext & { id: string; input: { reason: string; version: number } },
): Promise<PeriodCloseResponse> {
  return changeVersioned(tx, {
    ...periodRecord(tx, id, input.version),
    check: (row) => {
      if (row.reopenedAt) throw new RuleBroken([{ path: "id", message: `${row.label} is open already` }]);
      if (row.reopenRequestedAt) {
        throw new RuleBroken([
          {
            path: "id",
            message: `${row.reopenRequestedBy?.displayName ?? "someone"} has asked already for ${row.label} to be re-opened: another person must agree or the request be withdrawn`,
          },
        ]);
      }
    },
    apply: () =>
      tx.periodClose.update({
        where: { id },
        data: {
          reopenRequestedById: write.actor.id,
          reopenRequestedAt: new Date(),
          reopenReason: input.reason,
          version: { increment: 1 },
        },
        include: people,
      }),
    action: "update",
    reason: input.reason,
    ...write,
  });
}

/** Agrees to re-open a period another person asked to: from now, writes dated in it go through. */
export async function reopenPeriod(
  tx: Prisma.TransactionClient,
  { id, input, ...write }: WriteContext & { id: string; input: { version: number } },
): Promise<PeriodCloseResponse> {
  return changeVersioned(tx, {
    ...periodRecord(tx, id, input.version),
    check: (row) => {
      if (row.reopenedAt) throw new RuleBroken([{ path: "id", message: `${row.label} is open already` }]);
      if (!row.reopenRequestedAt) {
        throw new RuleBroken([
          { path: "id", message: `no one has asked for ${row.label} to be re-opened: ask first, with the reason` },
        ]);
      }
      if (row.reopenRequestedById === write.actor.id) {
        throw new Forbidden(
          `You asked for ${row.label} to be re-opened: another finance officer or an administrator of your council must agree.`,
        );
      }
    },
    apply: () =>
      tx.periodClose.update({
        where: { id },
        data: { reopenedById: write.actor.id, reopenedAt: new Date(), version: { increment: 1 } },
        include: people,
      }),
    action: "update",
    ...write,
  });
}
