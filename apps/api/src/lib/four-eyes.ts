// Four eyes: a money write above its council's approval threshold (£10,000.00 unless the council
// sets another) does not happen when asked. It is tried inside a savepoint, so every rule,
// scope and closed-period check answers the person asking at once, and its figures after are
// exactly what the write would make; then it is rolled back and kept as a change request. When
// another finance officer or an administrator of the council approves, the same write runs with
// the same input (a stale version then answers 409, as any write would).
import type { Prisma } from "@fundline/db";
import { fieldChanges, formatPence } from "@fundline/domain";
import type { ChangeKind, ChangeRequestResponse } from "@fundline/schemas";
import { RuleBroken } from "../errors.ts";
import { auditCreated } from "./audit-trail.ts";
import { declaredRecord } from "./records.ts";
import type { WriteContext } from "./write-context.ts";

type Tx = Prisma.TransactionClient;
type Shown = { id: string } & Record<string, unknown>;

/** What a write receives: who, and the request's id, body and path parameters. */
export type ChangeContext<Input> = WriteContext & { id?: string; input: Input; params?: unknown };

/** How the four-eyes rule reads a kind of money record. */
export type MoneyRecord<Record extends Shown> = {
  /** Its table: a declared record, whose `ownedBy` names the council whose books it is in. */
  table: Prisma.ModelName;
  /** The record as its routes show it: the figures "before". */
  load: (tx: Tx, id: string) => Promise<Record | null>;
  /** The money it holds, in pence (a retired record holds none). */
  amountOf: (tx: Tx, record: Record) => number | Promise<number>;
  /** The fields whose change moves money: a change to none of them needs no second person. */
  moneyFields: readonly (keyof Record & string)[];
  /** Its name in a sentence ("Early Years Pathfinder"). */
  titleOf: (record: Record) => string;
  /** The commitment it hangs off, for the commitment's page. */
  commitmentOf?: (record: Record) => string | null;
  /** Its programme, for the programme's pages. */
  programmeOf?: (record: Record) => string | null;
};

export type ApprovedChange<Input, Record extends Shown> = {
  kind: ChangeKind;
  action: "create" | "update" | "retire" | "reverse";
  record: MoneyRecord<Record>;
  /** The write itself, as its route runs it (`id` is the path's, for a change or retirement). */
  run: (tx: Tx, context: ChangeContext<Input> & { id: string }) => Promise<Record>;
};

// biome-ignore lint/suspicious/noExplicitAny: a registry of every kind, each typed at its declaration.
type AnyChange = ApprovedChange<any, any>;
const declared = new Map<ChangeKind, AnyChange>();

/**
 * Declares a money write that a second person approves above its council's threshold; the
 * route runs the returned change (record-routes, or `writeOrAsk` by hand).
 */
export function approvedAboveThreshold<Input, Record extends Shown>(
  change: ApprovedChange<Input, Record>,
): ApprovedChange<Input, Record> {
  const already = declared.get(change.kind);
  if (already && already !== change) throw new Error(`${change.kind} is declared twice`);
  declared.set(change.kind, change);
  return change;
}

export function isApprovedChange(value: unknown): value is AnyChange {
  return typeof value === "object" && value !== null && "kind" in value && "run" in value;
}

export function approvedChangeOf(kind: string): AnyChange {
  const change = declared.get(kind as ChangeKind);
  if (!change) throw new Error(`no change of kind ${kind} is declared`);
  return change;
}

export type WriteOutcome<Record> = { asked: false; body: Record } | { asked: true; changeRequestId: string };

/** Moving is what a change request's summary says it does: "change", "retire"… */
const VERBS = { create: "Record", update: "Change", retire: "Retire", reverse: "Reverse" } as const;

export function summaryOf(change: AnyChange, record: Shown): string {
  return `${VERBS[change.action]} ${declaredRecord(change.record.table).name} ${change.record.titleOf(record)}`;
}

/**
 * Runs the write, or, when it moves more money than its council lets one person move, keeps it
 * as a change request and leaves the figures as they were. Inside the caller's transaction.
 */
export async function writeOrAsk<Input, Record extends Shown>(
  tx: Tx,
  change: ApprovedChange<Input, Record>,
  context: ChangeContext<Input>,
): Promise<WriteOutcome<Record>> {
  const { record } = change;
  const before = context.id ? await record.load(tx, context.id) : null;
  const amountBefore = before && !before.retiredAt ? await record.amountOf(tx, before) : 0;
  await tx.$executeRawUnsafe("SAVEPOINT four_eyes");
  const after = await change.run(tx, context as ChangeContext<Input> & { id: string });
  const movesMoney =
    change.action !== "update" ||
    !before ||
    record.moneyFields.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  const amountAfter = after.retiredAt || change.action === "reverse" ? 0 : await record.amountOf(tx, after);
  const atStake = Math.max(Math.abs(amountBefore), Math.abs(amountAfter));
  const council = movesMoney ? await councilOf(tx, record.table, after.id) : null;
  if (!council || atStake <= council.thresholdPence) {
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT four_eyes");
    return { asked: false, body: after };
  }
  // The write made, as seen, is undone: nothing in the figures moves until approval.
  await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT four_eyes");
  const input = context.input as { changeReason?: string; reason?: string };
  const reason = input.changeReason ?? input.reason;
  if (!reason) {
    throw new RuleBroken([
      {
        path: "changeReason",
        message: `${formatPence(atStake)} is above ${council.name}'s approval threshold of ${formatPence(council.thresholdPence)}: say why, for the person who approves it`,
      },
    ]);
  }
  const subject = before ?? after;
  const created = await tx.changeRequest.create({
    data: {
      organisationId: council.id,
      programmeId: record.programmeOf?.(subject) ?? council.programmeId,
      commitmentId: record.commitmentOf?.(subject) ?? null,
      kind: change.kind,
      entityType: record.table,
      entityId: change.action === "create" ? null : after.id,
      input: context.input as Prisma.InputJsonValue,
      params: (context.params ?? undefined) as Prisma.InputJsonValue | undefined,
      before: (before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: after as Prisma.InputJsonValue,
      amountPence: BigInt(atStake),
      deltaPence: BigInt(amountAfter - amountBefore),
      reason,
      requestedById: context.actor.id as string,
    },
  });
  await auditCreated(tx, context, "ChangeRequest", {
    id: created.id,
    kind: change.kind,
    summary: summaryOf(change, subject),
    amountPence: atStake,
    deltaPence: amountAfter - amountBefore,
    reason,
  });
  return { asked: true, changeRequestId: created.id };
}

/** The council whose books the record is in, its threshold, and the record's programme. */
async function councilOf(tx: Tx, table: Prisma.ModelName, id: string) {
  const ownedBy = declaredRecord(table).ownedBy;
  if (!ownedBy) throw new Error(`${table} has no owner`);
  const [council] = await tx.$queryRawUnsafe<
    { id: string; name: string; thresholdPence: bigint; programmeId: string | null }[]
  >(
    `SELECT council.id, council.name, council."approvalThresholdPence" AS "thresholdPence", owned.programme AS "programmeId"
     FROM (${ownedBy}) owned JOIN "Organisation" council ON council.id = owned.owner`,
    id,
  );
  return council ? { ...council, thresholdPence: Number(council.thresholdPence) } : null;
}

const people = {
  requestedBy: { select: { id: true, displayName: true } },
  decidedBy: { select: { id: true, displayName: true } },
} as const;
export const changeRequestInclude = people;
type ChangeRequestRow = Prisma.ChangeRequestGetPayload<{ include: typeof people }>;

/** A change request as the API shows it. */
export function toChangeRequestResponse(row: ChangeRequestRow): ChangeRequestResponse {
  const change = approvedChangeOf(row.kind);
  const before = row.before as Shown | null;
  const after = row.after as Shown;
  const changes = Object.entries(fieldChanges(before, after))
    .filter(([field]) => field !== "version" && field !== "id")
    .map(([field, values]) => ({ field, before: values.before, after: values.after }));
  return {
    id: row.id,
    kind: change.kind,
    summary: summaryOf(change, before ?? after),
    recordName: declaredRecord(change.record.table).name,
    entityType: row.entityType,
    entityId: row.entityId,
    organisationId: row.organisationId,
    programmeId: row.programmeId,
    commitmentId: row.commitmentId,
    before,
    after,
    changes,
    amountPence: Number(row.amountPence),
    deltaPence: Number(row.deltaPence),
    reason: row.reason,
    status: row.status as ChangeRequestResponse["status"],
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    version: row.version,
  };
}

export async function loadChangeRequest(tx: Pick<Tx, "changeRequest">, id: string) {
  const row = await tx.changeRequest.findUnique({ where: { id }, include: people });
  return row ? toChangeRequestResponse(row) : null;
}
