import {
  CalendarFeedParams,
  CalendarFeedQuery,
  CalendarFeedResponse,
  NewCalendarFeedResponse,
} from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { principalOf } from "../../lib/scope.ts";
import { calendarFeedOf, makeCalendarFeed, milestonesCalendar, revokeCalendarFeed } from "./calendar-feed.ts";

/** Milestones in a person's calendar: their feed's address, and the feed itself. */
export const calendarRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/calendar-feed",
    { config: { access: "session" }, schema: { response: { 200: CalendarFeedResponse } } },
    (request) => calendarFeedOf(fastify.prisma, principalOf(request)),
  );
  fastify.post(
    "/calendar-feed",
    { config: { access: "session" }, schema: { response: { 201: NewCalendarFeedResponse } } },
    async (request, reply) =>
      reply.status(201).send(await makeCalendarFeed(fastify.prisma, principalOf(request), request.id)),
  );
  fastify.delete(
    "/calendar-feed",
    { config: { access: "session" }, schema: { response: { 200: CalendarFeedResponse } } },
    (request) => revokeCalendarFeed(fastify.prisma, principalOf(request), request.id),
  );

  // Read by calendar programs with no session; guessing addresses is slowed to a crawl.
  fastify.get(
    "/calendar/:token/milestones.ics",
    {
      config: { access: "public", rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: { params: CalendarFeedParams, querystring: CalendarFeedQuery },
    },
    async (request, reply) => {
      const origin = `${request.protocol}://${request.host}`;
      const body = await milestonesCalendar(fastify.prisma, request.params.token, request.query, origin);
      return reply.type("text/calendar; charset=utf-8").send(body);
    },
  );
};
