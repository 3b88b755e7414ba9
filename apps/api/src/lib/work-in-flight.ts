// What the server is still doing for requests, including work that outlives its connection: a
// handler whose client went away runs on, and an import streams its progress from work that
// continues after the handler has answered. On SIGTERM the server waits for it (within the grace
// period) before closing the database pool: otherwise such work failed at its next query
// ("Cannot use a pool after calling end on the pool") or was cut off as the process exited.
import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";

declare module "fastify" {
  interface FastifyInstance {
    workInFlight: WorkInFlight;
  }
}

export class WorkInFlight {
  #running = 0;
  #whenIdle: (() => void)[] = [];

  /** Counts `work` as in flight until it settles; answers it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#running++;
    return work.finally(() => {
      this.#running--;
      if (this.#running === 0) for (const resolve of this.#whenIdle.splice(0)) resolve();
    });
  }

  /** Resolves once nothing is in flight. */
  settled(): Promise<void> {
    return this.#running === 0 ? Promise.resolve() : new Promise((resolve) => this.#whenIdle.push(resolve));
  }
}

/**
 * Hooks for a scope: each request counts as in flight from its arrival until its handler settles,
 * or, answered before any handler ran (a 401 from the session check), until that answer is sent.
 * From arrival, not from the handler: a client that goes away while the hooks before the handler
 * run (the session lookup) leaves no connection for closing to wait on, and its handler would
 * otherwise start after the pool had closed.
 */
export function trackRequests(fastify: FastifyInstance) {
  const releases = new WeakMap<FastifyRequest, () => void>();
  const release = (request: FastifyRequest) => {
    releases.get(request)?.();
    releases.delete(request);
  };
  return {
    onRequest: async (request: FastifyRequest) => {
      let done = () => {};
      void fastify.workInFlight.track(
        new Promise<void>((resolve) => {
          done = resolve;
        }),
      );
      releases.set(request, done);
    },
    onRoute: (route: RouteOptions) => {
      const handler = route.handler;
      route.handler = function tracked(this: FastifyInstance, request, reply) {
        return Promise.resolve()
          .then(() => handler.call(this, request, reply))
          .finally(() => release(request));
      };
    },
    // An answer sent without the handler (or after it): nothing of the request runs any more.
    // A request whose answer is never sent and whose handler never runs is let go by the grace period.
    onResponse: async (request: FastifyRequest) => release(request),
  };
}
