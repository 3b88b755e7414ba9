import type { PrismaClient } from "@fundline/db";
import type { FastifyBaseLogger } from "fastify";
import type { Mailer } from "../../lib/mailer.ts";
import { sendWeeklyDigests } from "./send-digests.ts";

/** How often a server looks for digests to send or retry: well inside the first retry's wait. */
const EVERY_MS = 5 * 60_000;

/**
 * Weekly digests, looked for at start and every five minutes: each person's week goes once
 * (see sendWeeklyDigests), so any number of servers may run this. Returns a stop function that
 * lets a run in progress finish.
 */
export function scheduleWeeklyDigests(
  prisma: PrismaClient,
  options: { mailer: Mailer; siteUrl: string; log: FastifyBaseLogger },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sendWeeklyDigests(prisma, options)
      .then((run) => {
        if (run.sent || run.failed) options.log.info({ weeklyDigests: run }, "weekly digests");
      })
      .catch((error: unknown) => options.log.error({ err: error }, "weekly digests could not be sent"))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
