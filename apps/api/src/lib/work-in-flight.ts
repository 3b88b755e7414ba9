// What the server is still doing for requests, including work that outlives its connection: a
// handler whose client went away runs on, and an import streams its progress from work that
// continues after the handler has answered. On SIGTERM the server waits for it (within the grace
// period) before closing the database pool: otherwise such work failed at its next query
// ("Cannot use a pool after calling end on the pool") or was cut off as the process exited.
import type { FastifyInstance, RouteOptions } from "fastify";

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

/** An onRoute hook: each route's handler is tracked from its start until it settles. */
export function trackHandlers(fastify: FastifyInstance) {
  return (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      return fastify.workInFlight.track(Promise.resolve().then(() => handler.call(this, request, reply)));
    };
  };
}
