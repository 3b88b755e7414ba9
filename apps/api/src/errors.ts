// Typed errors that use cases throw; plugins/errors.ts turns them into responses.

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
