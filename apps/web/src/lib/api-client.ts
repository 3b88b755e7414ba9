import { ErrorResponse } from "@fundline/schemas";
import type { z } from "zod";

/** An API error with the message the server wrote for people. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** GETs `path` and validates the body with the same schema the API answers with. */
export async function getJson<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.infer<Schema>> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorResponse.safeParse(body);
    throw new ApiError(response.status, error.success ? error.data.message : `The server answered ${response.status}.`);
  }
  return schema.parse(body);
}
