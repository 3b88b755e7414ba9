import Fastify from "fastify";
import { describe, expect, it, vi } from "vitest";
import { trackRequests, WorkInFlight } from "./work-in-flight.ts";

/** A server counting its requests in flight as app.ts does. */
function tracked() {
  const fastify = Fastify();
  fastify.decorate("workInFlight", new WorkInFlight());
  const tracking = trackRequests(fastify);
  fastify.addHook("onRequest", tracking.onRequest);
  fastify.addHook("onRoute", tracking.onRoute);
  fastify.addHook("onResponse", tracking.onResponse);
  return fastify;
}

describe("work in flight", () => {
  it("counts a request whose client went away while the hooks before its handler ran", async () => {
    const fastify = tracked();
    let looking = false;
    let found = () => {};
    // As the session lookup: a query the request waits on before its handler runs.
    fastify.addHook("onRequest", async () => {
      looking = true;
      await new Promise<void>((resolve) => {
        found = resolve;
      });
    });
    let handled = false;
    fastify.get("/after-lookup", async () => {
      handled = true;
      return { done: true };
    });
    const address = await fastify.listen({ port: 0, host: "127.0.0.1" });

    const reader = new AbortController();
    const request = fetch(`${address}/after-lookup`, { signal: reader.signal }).catch(() => "aborted");
    await vi.waitFor(() => expect(looking).toBe(true));
    reader.abort();
    expect(await request).toBe("aborted");
    await fastify.close();

    let settled = false;
    const waiting = fastify.workInFlight.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false); // counted from its arrival, not from its handler
    found();
    await waiting;
    expect(handled).toBe(true);
  });

  it("lets a request go once it is answered without a handler", async () => {
    const fastify = tracked();
    fastify.addHook("onRequest", async (_request, reply) => reply.code(401).send({ error: "sign in" }));
    fastify.get("/refused", async () => ({ done: true }));
    const address = await fastify.listen({ port: 0, host: "127.0.0.1" });
    expect((await fetch(`${address}/refused`)).status).toBe(401);
    await fastify.close();
    await fastify.workInFlight.settled(); // would wait for ever if the refused request stayed counted
  });

  it("counts a handler whose client went away until it ends, which closing the server does not wait for", async () => {
    const fastify = tracked();
    let started = false;
    let finish = () => {};
    let finished = false;
    fastify.get("/slow", async () => {
      started = true;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      finished = true;
      return { done: true };
    });
    const address = await fastify.listen({ port: 0, host: "127.0.0.1" });

    const reader = new AbortController();
    const request = fetch(`${address}/slow`, { signal: reader.signal }).catch(() => "aborted");
    await vi.waitFor(() => expect(started).toBe(true));
    reader.abort();
    expect(await request).toBe("aborted");
    await fastify.close(); // returns with the handler still running: its connection is gone

    let settled = false;
    const waiting = fastify.workInFlight.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toBe(false);
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(finished).toBe(true);
  });

  it("is settled at once when nothing runs, and counts work that outlives its handler", async () => {
    const work = new WorkInFlight();
    await work.settled();
    let end = () => {};
    const tracked = work.track(
      new Promise<string>((resolve) => {
        end = () => resolve("imported");
      }),
    );
    let settled = false;
    const waiting = work.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    end();
    expect(await tracked).toBe("imported");
    await waiting;
    expect(settled).toBe(true);
  });
});
