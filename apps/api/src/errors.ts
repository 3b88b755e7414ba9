// Typed errors that use cases throw; plugins/errors.ts turns them into responses.
import {
  type ClosedPeriod,
  closedPeriodSentence,
  formatPence,
  MAX_SAFE_PENCE,
  MAX_TOTAL_PENCE,
} from "@fundline/domain";
import { keptTotalNamed } from "./lib/records.ts";

export class NotFound extends Error {
  readonly statusCode = 404;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

/** True when an error means the database cannot be reached or has no free connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const UNAVAILABLE_CODES = new Set([
    "ECONNREFUSED",
    "ECONNRESET",
    "ENOTFOUND",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "P1001", // Prisma: can't reach database server
    "P1002", // Prisma: server reached but timed out
    "P2024", // Prisma: timed out fetching a connection from the pool
    "57P01", // admin_shutdown
    "57P03", // cannot_connect_now
    "53300", // too_many_connections
  ]);
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      kind?: unknown;
      cause?: unknown;
      originalCode?: unknown;
    };
    if (typeof candidate.code === "string" && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.originalCode === "string" && UNAVAILABLE_CODES.has(candidate.originalCode)) return true;
    if (candidate.kind === "DatabaseNotReachable" || candidate.kind === "SocketTimeout") return true;
    if (
      typeof candidate.message === "string" &&
      /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Can't reach database server/i.test(
        candidate.message,
      )
    ) {
      return true;
    }
    current = candidate.cause;
  }
  return false;
}

/** A domain rule the input breaks (422), naming the fields and the figures. */
/** Input that does not fit its schema where Fastify cannot check it (multipart form fields): 400. */
export class InvalidInput extends Error {
  readonly statusCode = 400;
  constructor(readonly fields: { path: string; message: string }[]) {
    super("Some of the input is not valid");
  }
}

export class RuleBroken extends Error {
  readonly statusCode = 422;
  constructor(readonly fields: { path: string; message: string }[]) {
    super(fields.map((field) => `${field.path}: ${field.message}`).join("; "));
  }
}

/** A stale write (409): someone else changed the record first. `current` is what is stored now. */
export class Conflict extends Error {
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message);
  }
}

/** No valid session, or sign-in not complete (401); `fields` says what is missing. */
export class Unauthenticated extends Error {
  readonly statusCode = 401;
  constructor(
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Signed in, but the role may not do this (403). */
export class Forbidden extends Error {
  readonly statusCode = 403;
}

/** Too many attempts (429); `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyAttempts extends Error {
  readonly statusCode = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

// The database's bounds constraints (migration `plausible_bounds`) are named
// `<table>_<column>_within_bounds`; a running total's words come from the record that keeps it.
const BOUNDED_FIGURES: Record<string, string> = {
  committedPence: "committed funding",
  allocatedPence: "allocations",
  receivedPence: "receipts",
  amountPence: "amount",
  spentPence: "spend",
  namedSpentPence: "spend charged to it",
  unnamedSpentPence: "spend charged to no commitment",
  paidPence: "payments",
};

/**
 * A write the database refused for one of Fundline's rules, as the 422 it is; null for any other
 * error. A value past Fundline's bounds: a running total names the total and its limit. A write
 * dated inside a closed period: the day, the period, and who closed it when.
 */
export function refusedByDatabase(error: unknown): RuleBroken | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const { message, originalMessage, cause, meta } = current as Record<string, unknown>;
    for (const text of [originalMessage, message]) {
      const closed = typeof text === "string" ? /fundline_closed_period (\{.*\})/.exec(text) : null;
      if (closed?.[1]) return closedPeriodRefusal(JSON.parse(closed[1]) as RefusedInClosedPeriod);
      const match = typeof text === "string" ? /check constraint "(\w+?)_(\w+)_within_bounds"/.exec(text) : null;
      if (!match) continue;
      const [, table = "", column = ""] = match;
      if (column === "everyProgramme") {
        return new RuleBroken([
          {
            path: table === "Programme" ? "totalCostPence" : "amountPence",
            message: `this would take every programme's ${table === "Programme" ? "costs" : "totals"} together past ${formatPence(MAX_SAFE_PENCE)}, the most Fundline can add up exactly`,
          },
        ]);
      }
      const total = keptTotalNamed(table);
      const figure = BOUNDED_FIGURES[column] ?? column;
      return new RuleBroken([
        total
          ? {
              path: column,
              message: `this would take ${total} ${figure} past ${formatPence(MAX_TOTAL_PENCE)} either way, the most Fundline keeps`,
            }
          : { path: column, message: `the ${figure} is outside what Fundline accepts` },
      ]);
    }
    queue.push(cause, meta, ...(meta && typeof meta === "object" ? Object.values(meta) : []));
  }
  return null;
}

type RefusedInClosedPeriod = ClosedPeriod & { field: string; day: string };

/** The refusal of a write into a closed period, as the database found it (closed-periods.sql). */
function closedPeriodRefusal(closed: RefusedInClosedPeriod): RuleBroken {
  return new RuleBroken([
    {
      path: closed.field === "allocation" ? "amountPence" : closed.field,
      message: closedPeriodSentence(
        closed,
        closed.day,
        closed.field === "profile" || closed.field === "allocation" ? closed.field : undefined,
      ),
    },
  ]);
}
