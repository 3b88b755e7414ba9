// The routes most records have: a list, a create, a change with the version read, a retirement.
// Each is one declarative line at its feature, with its access rule and scope written there;
// this file holds the shape they share (schemas, errors, the transaction, the 201).
import type { Prisma } from "@fundline/db";
import type { Permission } from "@fundline/domain";
import { ChangeRequestResponse, IdParams, RetireRequest } from "@fundline/schemas";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { type ApprovedChange, isApprovedChange, loadChangeRequest, writeOrAsk } from "./four-eyes.ts";
import { listErrors } from "./paging.ts";
import { type Scope, type ScopeCheck, scopeOf } from "./scope.ts";
import { idempotent, inTransaction, type WriteContext, writeContextOf, writeErrors } from "./write-context.ts";

/** Who may call a route, and which records it names (as `config.access` and `config.scope`). */
type Rule = { access: Permission; scope?: readonly ScopeCheck[] };
type Tx = Prisma.TransactionClient;
/**
 * A route's write: a function, or a money change that a second person approves above its
 * council's threshold (`approvedAboveThreshold`), answered 202 with the change request then.
 */
type Write<Context, Response> =
  | ((tx: Tx, context: Context) => Promise<Response>)
  // biome-ignore lint/suspicious/noExplicitAny: the change's record is the response's shape.
  | ApprovedChange<any, Response & { id: string }>;

/** Runs a route's write; 202 and the change request when it waits for a second person. */
export async function carryOut<Context extends WriteContext & { input: unknown }, Response>(
  tx: Tx,
  write: Write<Context, Response>,
  context: Context,
  done: 200 | 201,
): Promise<{ status: 200 | 201 | 202; body: unknown }> {
  if (typeof write === "function") return { status: done, body: await write(tx, context) };
  const outcome = await writeOrAsk(tx, write, context);
  if (!outcome.asked) return { status: done, body: outcome.body };
  return { status: 202, body: await loadChangeRequest(tx, outcome.changeRequestId) };
}

/** The 202 a write that may wait for approval can answer. */
export const asked = (write: unknown) => (isApprovedChange(write) ? { 202: ChangeRequestResponse } : {});

/** The `:id` of a nested path (`/programmes/:id/workstreams`), read from the path itself. */
type ParamsOf<Path extends string> = Path extends `${string}/:id${string}` ? { id: string } : Record<string, never>;

export function recordRoutes(fastify: FastifyInstance) {
  // Registered without the type provider: the schemas still validate and serialise (the app's
  // zod compilers), and each handler's types come from the schemas given to it here.
  const config = (rule: Rule) => ({ access: rule.access, scope: rule.scope });
  const paramsOf = (path: string) => (path.includes("/:id") ? { params: IdParams } : {});

  return {
    /** `GET path`: one page of records, filtered by the query. */
    list<Path extends string, Query extends z.ZodType, Response extends z.ZodType>(
      path: Path,
      rule: Rule,
      schema: { query: Query; response: Response },
      read: (request: { query: z.infer<Query>; params: ParamsOf<Path>; scope: Scope }) => Promise<z.infer<Response>>,
    ) {
      fastify.get(
        path,
        {
          config: config(rule),
          schema: { ...paramsOf(path), querystring: schema.query, response: { 200: schema.response, ...listErrors } },
        },
        (request) =>
          read({
            query: request.query as z.infer<Query>,
            params: request.params as ParamsOf<Path>,
            scope: scopeOf(request),
          }),
      );
    },

    /** `GET path` (…/:id): one record, already checked to be in the caller's scope. */
    one<Response extends z.ZodType>(
      path: string,
      rule: Rule,
      response: Response,
      read: (id: string) => Promise<z.infer<Response>>,
    ) {
      fastify.get(
        path,
        { config: config(rule), schema: { params: IdParams, response: { 200: response, ...listErrors } } },
        (request) => read((request.params as { id: string }).id),
      );
    },

    /**
     * `POST path`: creates a record in one transaction and answers 201 with it. `idempotent`:
     * money records honour an `Idempotency-Key`, a replay answering the first response.
     */
    create<Path extends string, Body extends z.ZodType, Response extends z.ZodType>(
      path: Path,
      rule: Rule,
      schema: { body: Body; response: Response },
      run: Write<WriteContext & { input: z.infer<Body>; params: ParamsOf<Path> }, z.infer<Response>>,
      { idempotent: honoursKeys = false }: { idempotent?: boolean } = {},
    ) {
      fastify.post(
        path,
        {
          config: config(rule),
          schema: {
            ...paramsOf(path),
            body: schema.body,
            response: { 201: schema.response, ...asked(run), ...writeErrors },
          },
        },
        async (request, reply) => {
          const context = { input: request.body as z.infer<Body>, params: request.params as ParamsOf<Path> };
          const create = (tx: Tx) => carryOut(tx, run, { ...context, ...writeContextOf(request) }, 201);
          const created = honoursKeys
            ? await idempotent(fastify.prisma, request, create)
            : await inTransaction(fastify.prisma, create);
          return reply.status(created.status).send(created.body);
        },
      );
    },

    /** `PATCH path` (…/:id): changes a record whose version the client read (409 if stale). */
    update<Body extends z.ZodType, Response extends z.ZodType>(
      path: string,
      rule: Rule,
      schema: { body: Body; response: Response },
      run: Write<WriteContext & { id: string; input: z.infer<Body> }, z.infer<Response>>,
    ) {
      fastify.patch(
        path,
        {
          config: config(rule),
          schema: {
            params: IdParams,
            body: schema.body,
            response: { 200: schema.response, ...asked(run), ...writeErrors },
          },
        },
        async (request, reply) => {
          const context = { id: (request.params as { id: string }).id, input: request.body as z.infer<Body> };
          const changed = await inTransaction(fastify.prisma, (tx) =>
            carryOut(tx, run, { ...context, ...writeContextOf(request) }, 200),
          );
          return reply.status(changed.status).send(changed.body);
        },
      );
    },

    /** `POST path` (…/:id/retire): retires a record with a reason, keeping it for history. */
    retire<Response extends z.ZodType>(
      path: string,
      rule: Rule,
      response: Response,
      run: Write<WriteContext & { id: string; input: RetireRequest }, z.infer<Response>>,
    ) {
      fastify.post(
        path,
        {
          config: config(rule),
          schema: { params: IdParams, body: RetireRequest, response: { 200: response, ...asked(run), ...writeErrors } },
        },
        async (request, reply) => {
          const context = { id: (request.params as { id: string }).id, input: request.body as RetireRequest };
          const retired = await inTransaction(fastify.prisma, (tx) =>
            carryOut(tx, run, { ...context, ...writeContextOf(request) }, 200),
          );
          return reply.status(retired.status).send(retired.body);
        },
      );
    },
  };
}
