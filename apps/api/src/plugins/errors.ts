import type { ErrorResponse } from "@fundline/schemas";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import {
  Conflict,
  InvalidInput,
  isDatabaseUnavailable,
  RuleBroken,
  refusedByDatabase,
  TooManyAttempts,
  Unauthenticated,
} from "../errors.ts";

/**
 * One place turns every failure into `{ statusCode, error, message, fields?, requestId }`.
 * Database and stack text never reach the client: 5xx bodies are generic and the detail is logged.
 */
export const errorsPlugin = fp(
  async (fastify) => {
    fastify.setErrorHandler((thrown: FastifyError, request, reply) => {
      const error = (refusedByDatabase(thrown) ?? thrown) as FastifyError;
      if (hasZodFastifySchemaValidationErrors(error)) {
        return send(reply, request, 400, "Some of the input is not valid", {
          fields: error.validation.map((issue) => ({
            path: [error.validationContext, ...issuePath(issue.instancePath)].filter(Boolean).join("."),
            message: issue.message ?? "is not valid",
          })),
        });
      }
      if (error instanceof InvalidInput) {
        return send(reply, request, 400, error.message, { fields: error.fields });
      }
      if (error instanceof RuleBroken) {
        return send(reply, request, 422, error.message, { fields: error.fields });
      }
      if (error instanceof Unauthenticated && error.fields) {
        return send(reply, request, 401, error.message, { fields: error.fields });
      }
      if (error instanceof TooManyAttempts) {
        reply.header("retry-after", String(error.retryAfterSeconds));
        return send(reply, request, 429, error.message);
      }
      if (error instanceof Conflict) {
        return send(reply, request, 409, error.message, { current: error.current });
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error }, "response did not match its schema");
        return send(reply, request, 500, "Something went wrong on our side. It has been logged.");
      }
      if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, "database unavailable");
        reply.header("retry-after", "5");
        return send(reply, request, 503, "The database is not available right now. Please try again shortly.");
      }
      const status = typeof error.statusCode === "number" ? error.statusCode : 500;
      if (status >= 400 && status < 500) return send(reply, request, status, error.message);
      request.log.error({ err: error }, "unhandled error");
      return send(reply, request, 500, "Something went wrong on our side. It has been logged.");
    });
  },
  { name: "errors" },
);

function issuePath(instancePath: string): string[] {
  return instancePath.split("/").filter(Boolean);
}

export function send(
  reply: FastifyReply,
  request: FastifyRequest,
  statusCode: number,
  message: string,
  extra: Pick<ErrorResponse, "fields"> & { current?: unknown } = {},
) {
  const body: ErrorResponse = {
    statusCode,
    error: httpReason(statusCode),
    message,
    ...extra,
    requestId: String(request.id),
  };
  return reply.status(statusCode).type("application/json").send(body);
}

function httpReason(statusCode: number): string {
  const reasons: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };
  return reasons[statusCode] ?? (statusCode >= 500 ? "Server Error" : "Client Error");
}
