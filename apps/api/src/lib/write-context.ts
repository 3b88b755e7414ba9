import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@fundline/db";
import { ConflictResponse, ErrorResponse, type RetireRequest } from "@fundline/schemas";
import type { FastifyRequest } from "fastify";
import { Conflict, NotFound, RuleBroken, Unauthenticated } from "../errors.ts";
import { type Actor, personLabel, recordAudit } from "./audit-trail.ts";
import type { VersionedTable } from "./records.ts";
import { scopeOf } from "./scope.ts";
import { transactionRetries } from "./transaction-retries.ts";

/** The signed-in user, as the audit trail records them. Every write route requires one. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) throw new Unauthenticated("Sign in to continue.");
  return {
    id: principal.userId,
    label: personLabel(principal),
    scope: scopeOf(request),
    organisationId: principal.organisationId,
  };
}

/** Who is writing and under which request id: what every audit event needs. */
export type WriteContext = { actor: Actor; requestId: string };

export function writeContextOf(request: FastifyRequest): WriteContext {
  return { actor: actorOf(request), requestId: request.id };
}

/** The error responses every write route can give. */
export const writeErrors = { 400: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse };

const SERIALIZATION_FAILURE = new Set(["P2034", "40001", "40P01"]);

/** Runs `work` in a transaction, retrying a few times when PostgreSQL reports a write conflict. */
export async function inTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  // An edit holds its locks briefly; an import of a large file may need longer.
  { timeoutMs = 15_000 }: { timeoutMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, { timeout: timeoutMs, maxWait: 5_000 });
    } catch (error) {
      if (attempt >= 4 || !isWriteConflict(error)) throw error;
      transactionRetries.inc();
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}

function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  const kind = (error as { cause?: { kind?: unknown } })?.cause?.kind;
  return (typeof code === "string" && SERIALIZATION_FAILURE.has(code)) || kind === "TransactionWriteConflict";
}

/** A create's answer: 201, or 202 when it waits for a second person's approval. */
export type Created<T> = { status: number; body: T };

/**
 * Honours an `Idempotency-Key` on a POST that creates money: the first request's response is
 * stored in the same transaction as what it created; a replay returns it and creates nothing;
 * the same key with a different body is refused.
 */
export async function idempotent<T>(
  prisma: PrismaClient,
  request: FastifyRequest,
  create: (tx: Prisma.TransactionClient) => Promise<Created<T>>,
): Promise<Created<T>> {
  const key = request.headers["idempotency-key"];
  if (key === undefined) return inTransaction(prisma, create);
  if (typeof key !== "string" || key.length < 8 || key.length > 200) {
    throw new RuleBroken([{ path: "headers.idempotency-key", message: "must be 8 to 200 characters" }]);
  }
  const route = `${request.method} ${request.routeOptions.url}`;
  // A key is its sender's: the same key from another user is another request, never a replay
  // of someone else's response.
  const storedKey = `${request.principal?.userId ?? "anonymous"}:${key}`;
  const requestSha256 = createHash("sha256")
    .update(JSON.stringify(request.body ?? null))
    .digest("hex");
  return inTransaction(prisma, async (tx) => {
    // Serialise requests with the same key so two replays cannot both create.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${storedKey}, 0))`;
    const previous = await tx.idempotencyKey.findUnique({ where: { key: storedKey } });
    if (previous) {
      if (previous.requestSha256 !== requestSha256 || previous.route !== route) {
        throw new RuleBroken([
          { path: "headers.idempotency-key", message: "was already used for a different request; use a new key" },
        ]);
      }
      return { status: previous.responseStatus, body: previous.responseBody as T };
    }
    const created = await create(tx);
    await tx.idempotencyKey.create({
      data: {
        key: storedKey,
        route,
        requestSha256,
        responseStatus: created.status,
        responseBody: created.body as Prisma.InputJsonValue,
      },
    });
    return created;
  });
}

/**
 * Locks a row for the rest of the transaction and checks the version the client read.
 * Missing: 404. Stale: 409 with the record as it is now, and nothing is written.
 */
export async function lockForWrite<Row extends { version: number }, Shown>(
  tx: Prisma.TransactionClient,
  options: {
    table: VersionedTable;
    id: string;
    expectedVersion: number;
    entity: string;
    load: () => Promise<Row | null>;
    show: (row: Row) => Shown;
  },
): Promise<{ row: Row; shown: Shown }> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM "${options.table}" WHERE id = $1::uuid FOR UPDATE`, options.id);
  const row = await options.load();
  if (!row) throw new NotFound(options.entity, options.id);
  const shown = options.show(row);
  if (row.version !== options.expectedVersion) {
    throw new Conflict(
      `This ${options.entity.toLowerCase()} was changed by someone else (you had version ${options.expectedVersion}, it is now ${row.version}). Review it and try again.`,
      shown,
    );
  }
  return { row, shown };
}

/**
 * The one way a versioned record changes: lock it and check the version, run `check` (rules that
 * need the current row), apply the write, and audit before/after in the same transaction.
 */
export async function changeVersioned<Row extends { version: number }, Shown extends Record<string, unknown>>(
  tx: Prisma.TransactionClient,
  options: {
    table: VersionedTable;
    entity: string;
    id: string;
    expectedVersion: number;
    load: () => Promise<Row | null>;
    show: (row: Row) => Shown;
    check?: (row: Row, shown: Shown) => void | Promise<void>;
    apply: (row: Row) => Promise<Row>;
    action: "update" | "retire";
    reason?: string | null;
    actor: Actor;
    requestId: string;
  },
): Promise<Shown> {
  const { row, shown: before } = await lockForWrite(tx, options);
  if (options.action === "update") assertNotRetired(row as { retiredAt?: Date | null }, options.entity.toLowerCase());
  await options.check?.(row, before);
  const after = options.show(await options.apply(row));
  await recordAudit(tx, {
    actor: options.actor,
    entityType: options.table,
    entityId: options.id,
    action: options.action,
    before,
    after,
    reason: options.reason ?? null,
    requestId: options.requestId,
  });
  return after;
}

/** What retiring a financial record writes: when, by whom, why, and a new version. */
export function retirement(actor: Actor, reason: string) {
  return { retiredAt: new Date(), retiredById: actor.id, retirementReason: reason, version: { increment: 1 } } as const;
}

/** Retired records are history: they cannot be retired twice or changed. */
export function assertNotRetired(row: { retiredAt?: Date | null }, entity: string) {
  if (row.retiredAt) throw new RuleBroken([{ path: "id", message: `this ${entity} is retired` }]);
}

/**
 * Retires a record that has no retirement columns of its own (workstreams, risks, funds…): it
 * leaves lists and totals, stays readable, and the reason is kept in the audit event.
 */
export function retireVersioned<Row extends { version: number; retiredAt: Date | null }, Shown>(
  tx: Prisma.TransactionClient,
  options: {
    table: VersionedTable;
    entity: string;
    id: string;
    input: RetireRequest;
    load: () => Promise<Row | null>;
    show: (row: Row) => Shown & Record<string, unknown>;
    check?: (row: Row) => void | Promise<void>;
    retire: (change: { retiredAt: Date; version: { increment: 1 } }) => Promise<Row>;
  } & WriteContext,
): Promise<Shown> {
  return changeVersioned(tx, {
    ...options,
    expectedVersion: options.input.version,
    check: async (row) => {
      assertNotRetired(row, options.entity.toLowerCase());
      await options.check?.(row);
    },
    apply: () => options.retire({ retiredAt: new Date(), version: { increment: 1 } }),
    action: "retire",
    reason: options.input.reason,
  });
}
