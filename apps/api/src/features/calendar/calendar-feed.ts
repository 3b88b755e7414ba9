// Milestones as an iCalendar feed, so they appear in Outlook beside everything else. A calendar
// program fetches the feed with no session, so its address holds a secret of the person's own
// (kept only as a SHA-256): the feed shows what they could see signed in, as it is now, and
// stops the moment they replace or revoke the address, or are deactivated.
import type { PrismaClient } from "@fundline/db";
import { seesEveryProgramme } from "@fundline/domain";
import type { CalendarFeedQuery, CalendarFeedResponse, NewCalendarFeedResponse } from "@fundline/schemas";
import ical, { ICalEventStatus } from "ical-generator";
import { NotFound } from "../../errors.ts";
import { personLabel, recordAudit } from "../../lib/audit-trail.ts";
import { visibleProgrammes } from "../../lib/scope.ts";
import { hashOfSecret, newSecretToken } from "../../lib/secret-tokens.ts";
import type { Principal } from "../../lib/sessions.ts";

const feedPath = (token: string) => `/api/calendar/${token}/milestones.ics`;

export async function calendarFeedOf(prisma: PrismaClient, principal: Principal): Promise<CalendarFeedResponse> {
  const feed = await prisma.calendarFeed.findUnique({ where: { userId: principal.userId } });
  return { createdAt: feed?.createdAt.toISOString() ?? null };
}

/** A new address for the person's feed; any earlier one stops working. Audited. */
export async function makeCalendarFeed(
  prisma: PrismaClient,
  principal: Principal,
  requestId: string,
): Promise<NewCalendarFeedResponse> {
  const token = newSecretToken();
  return prisma.$transaction(async (tx) => {
    const before = await tx.calendarFeed.findUnique({ where: { userId: principal.userId } });
    const feed = await tx.calendarFeed.upsert({
      where: { userId: principal.userId },
      create: { userId: principal.userId, tokenHash: hashOfSecret(token) },
      update: { tokenHash: hashOfSecret(token), createdAt: new Date() },
    });
    await recordAudit(tx, {
      actor: { id: principal.userId, label: personLabel(principal) },
      entityType: "User",
      entityId: principal.userId,
      action: "update",
      before: { calendarFeedSince: before?.createdAt.toISOString() ?? null },
      after: { calendarFeedSince: feed.createdAt.toISOString() },
      reason: before ? "replaced their calendar feed's address" : "made a calendar feed",
      requestId,
    });
    return { createdAt: feed.createdAt.toISOString(), path: feedPath(token) };
  });
}

/** The feed's address stops working. Audited; revoking none is a no-op. */
export async function revokeCalendarFeed(prisma: PrismaClient, principal: Principal, requestId: string) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.calendarFeed.findUnique({ where: { userId: principal.userId } });
    if (!before) return;
    await tx.calendarFeed.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      actor: { id: principal.userId, label: personLabel(principal) },
      entityType: "User",
      entityId: principal.userId,
      action: "update",
      before: { calendarFeedSince: before.createdAt.toISOString() },
      after: { calendarFeedSince: null },
      reason: "revoked their calendar feed",
      requestId,
    });
  });
  return { createdAt: null };
}

const STATUS_WORDS: Record<string, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  delayed: "Delayed",
  met: "Met",
  cancelled: "Cancelled",
};

/**
 * The milestones of every programme the feed's owner can see (or of one), each an all-day event
 * on its forecast day (its baseline where there is no forecast), linked to its programme. An
 * unknown, replaced or revoked address, or one whose owner is deactivated, is not found.
 */
export async function milestonesCalendar(
  prisma: PrismaClient,
  token: string,
  query: CalendarFeedQuery,
  siteOrigin: string,
): Promise<string> {
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashOfSecret(token) },
    include: { user: true },
  });
  if (!feed?.user.active) throw new NotFound("Calendar feed", "at this address");
  const scope = { organisationId: seesEveryProgramme(feed.user.role) ? null : feed.user.organisationId };
  const milestones = await prisma.milestone.findMany({
    where: {
      retiredAt: null,
      programme: {
        retiredAt: null,
        ...visibleProgrammes(scope),
        ...(query.programmeId ? { id: query.programmeId } : {}),
      },
    },
    include: { programme: { select: { id: true, name: true } } },
    orderBy: [{ baselineOn: "asc" }, { id: "asc" }],
    take: 5_000,
  });
  const calendar = ical({ name: "Fundline milestones", prodId: { company: "Fundline", product: "milestones" } });
  for (const milestone of milestones) {
    const day = milestone.forecastOn ?? milestone.baselineOn;
    const link = `${siteOrigin}/programmes/${milestone.programme.id}#milestones`;
    calendar.createEvent({
      id: `${milestone.id}@fundline`,
      allDay: true,
      // A day, not a moment: written as the date itself (VALUE=DATE), whatever the server's zone.
      start: day.toISOString().slice(0, 10),
      summary: `${milestone.description} (${milestone.programme.name})`,
      description: [
        STATUS_WORDS[milestone.status] ?? milestone.status,
        milestone.ownerName ? `Owner: ${milestone.ownerName}` : null,
        milestone.output ? `Output: ${milestone.output}` : null,
        link,
      ]
        .filter(Boolean)
        .join("\n"),
      url: link,
      status: milestone.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
