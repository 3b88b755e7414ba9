import Fastify from "fastify";
import { describe, expect, it, vi } from "vitest";
import { trackHandlers, WorkInFlight } from "./work-in-flight.ts";

describe("work in flight", () => {
  it("counts a handler whose client went away until it ends, which closing the server does not wait for", async () => {
    const fastify = Fastify();
    fastify.decorate("workInFlight", new WorkInFlight());
    fastify.addHook("onRoute", trackHandlers(fastify));
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
