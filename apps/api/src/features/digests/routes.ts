import { ErrorResponse, UnsubscribeParams, WeeklyDigestSetting } from "@fundline/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NotFound } from "../../errors.ts";
import { principalOf } from "../../lib/scope.ts";
import { setWeeklyDigest, unsubscribe, weeklyDigestOf } from "./weekly-digest-setting.ts";

/** A person's weekly email: switched on or off on their account page, or off by its own link. */
export const digestRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    "/account/weekly-digest",
    { config: { access: "session" }, schema: { response: { 200: WeeklyDigestSetting } } },
    (request) => weeklyDigestOf(fastify.prisma, principalOf(request)),
  );
  fastify.put(
    "/account/weekly-digest",
    {
      config: { access: "session" },
      schema: { body: WeeklyDigestSetting, response: { 200: WeeklyDigestSetting, 400: ErrorResponse } },
    },
    (request) =>
      setWeeklyDigest(fastify.prisma, {
        principal: principalOf(request),
        setting: request.body,
        requestId: request.id,
      }),
  );

  // From the email itself, with no session: the web page's button, or a mail program's one-click
  // unsubscribe (RFC 8058), which posts `List-Unsubscribe=One-Click` as a form; its body says nothing more.
  fastify.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, _body, done) =>
    done(null, undefined),
  );
  fastify.post(
    "/weekly-digest/unsubscribe/:token",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: { params: UnsubscribeParams, response: { 200: WeeklyDigestSetting, 404: ErrorResponse } },
    },
    async (request) => {
      if (!(await unsubscribe(fastify.prisma, request.params.token, request.id))) {
        throw new NotFound("Unsubscribe link", "(this one)");
      }
      return { weeklyDigest: false };
    },
  );
};
