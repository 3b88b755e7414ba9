import { ErrorResponse } from "@fundline/schemas";
import type { z } from "zod";

/** An API error with the message the server wrote for people, and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
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

async function parse<Schema extends z.ZodType>(response: Response, schema: Schema): Promise<z.infer<Schema>> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorResponse.safeParse(body);
    throw new ApiError(
      response.status,
      error.success ? error.data.message : `The server answered ${response.status}.`,
      error.success ? (error.data.fields ?? []) : [],
    );
  }
  return schema.parse(body);
}

/** GETs `path` and validates the body with the same schema the API answers with. */
export async function getJson<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.infer<Schema>> {
  return parse(await fetch(path, { headers: { accept: "application/json" } }), schema);
}

/** Sends a write with the CSRF token and validates the answer. */
export async function sendJson<Schema extends z.ZodType>(
  method: "POST" | "PATCH" | "DELETE",
  path: string,
  body: unknown,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  return parse(
    await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    schema,
  );
}
