import type { z } from "zod";
import { problemsInWords } from "./words-for-people.ts";

/** An API error with the message the server wrote for people, and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    /** On a 409: the record as it is now, changed by someone else since it was read. */
    readonly current: unknown = undefined,
  ) {
    super(message);
  }

  get isConflict(): boolean {
    return this.statusCode === 409 && this.current !== undefined;
  }
}

/**
 * A money write the API kept as a change request (202) rather than made: it is above the
 * council's approval threshold, and nothing moves until another person approves it. Thrown, so
 * no caller can take it for the saved record; the forms tell the person it was sent.
 */
export class AwaitingApproval extends Error {
  constructor(readonly changeRequest: { id: string; summary: string; amountPence: number }) {
    super(`${changeRequest.summary} is sent for approval.`);
  }
}

// The session's CSRF token, sent on every state-changing request (see GET /api/session).
let csrfToken: string | null = null;
export function rememberCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The CSRF header for writes that build their own request (file uploads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "x-csrf-token": csrfToken } : {};
}

export async function parse<Schema extends z.ZodType>(response: Response, schema: Schema): Promise<z.infer<Schema>> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    // Loaded when first needed, so the sign-in page does not carry every schema and zod with it.
    const { ErrorResponse } = await import("@fundline/schemas");
    const error = ErrorResponse.safeParse(body);
    if (!error.success) throw new ApiError(response.status, failureInWords(response.status));
    const current = response.status === 409 ? (body as { current?: unknown }).current : undefined;
    const fields = error.data.fields ?? [];
    // Input the API refused (400, 422) is told field by field, in sentences.
    const refused = response.status === 400 || response.status === 422;
    const message = refused && fields.length > 0 ? problemsInWords(fields) : error.data.message;
    throw new ApiError(response.status, message, fields, current);
  }
  if (response.status === 202) {
    const { ChangeRequestResponse } = await import("@fundline/schemas");
    throw new AwaitingApproval(ChangeRequestResponse.parse(body));
  }
  return schema.parse(body);
}

/** GETs `path` and validates the body with the same schema the API answers with. */
export async function getJson<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.infer<Schema>> {
  return parse(await reach(path, { headers: { accept: "application/json" } }), schema);
}

/** Sends a write with the CSRF token and validates the answer. */
export async function sendJson<Schema extends z.ZodType>(
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body: unknown,
  schema: Schema,
  /** For money records: the same key on a retry answers the first save, so nothing is recorded twice. */
  { idempotencyKey }: { idempotencyKey?: string } = {},
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return parse(
    await reach(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    schema,
  );
}

/** What a person is told when the server sent no message of its own (a proxy's 502, a dropped connection). */
function failureInWords(status: number): string {
  if (status >= 500) return "Fundline could not answer just now. Try again in a moment.";
  return `Fundline refused the request (${status}).`;
}

/** Sends a write whose answer has no body (204): it succeeds or throws an ApiError. */
export async function sendWithoutAnswer(method: "POST" | "DELETE", path: string): Promise<void> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const response = await reach(path, { method, headers });
  if (!response.ok) await parse(response, NO_BODY);
}

// Never consulted: parse throws on a failed answer before it checks the body.
const NO_BODY = { parse: () => undefined } as unknown as z.ZodType;

/** `fetch`, with a lost connection told as such rather than as the browser's "Failed to fetch". */
export async function reach(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, "Fundline could not be reached. Check your connection and try again.");
  }
}
