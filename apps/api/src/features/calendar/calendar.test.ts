// A person's milestones as an iCalendar feed: read with no session by the secret in its address,
// showing exactly what they can see, and stopping when the address is replaced or revoked, or
// the person is deactivated. The feed is parsed with ical.js, as a calendar program would.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type SignedIn, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let viewer: SignedIn;
let programmeId: string;
/** A milestone of another council's programme. */
let elsewhere: string;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
  // A viewer of the council that leads a demo programme with milestones.
  const milestone = await test.prisma.milestone.findFirstOrThrow({
    where: { retiredAt: null },
    include: { programme: true },
    orderBy: { id: "asc" },
  });
  programmeId = milestone.programmeId;
  const organisationId = milestone.programme.leadOrganisationId;
  const other = await test.prisma.programme.findFirstOrThrow({
    where: { leadOrganisationId: { not: organisationId }, partners: { none: { organisationId } } },
  });
  elsewhere = (
    await test.prisma.milestone.create({
      data: { programmeId: other.id, description: "Another council's milestone", baselineOn: new Date("2027-01-31") },
    })
  ).id;
  viewer = await test.signInNew({
    role: "viewer",
    organisationId: milestone.programme.leadOrganisationId,
    email: "viewer@calendar.test",
  });
});
afterAll(() => test.close());

/** The feed as a calendar program reads it: no cookie. */
const fetchFeed = (path: string) => test.fastify.inject({ method: "GET", url: path });
const eventsOf = (body: string) =>
  new ICAL.Component(ICAL.parse(body))
    .getAllSubcomponents("vevent")
    .map((event) => new ICAL.Event(event))
    .map((event) => ({
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
    }));

describe("the calendar feed", () => {
  let path: string;

  it("is made on request, shown once, and holds the milestones of the programmes the person sees", async () => {
    expect((await viewer.inject({ url: "/api/calendar-feed" })).json()).toEqual({ createdAt: null });
    const made = await viewer.inject({ method: "POST", url: "/api/calendar-feed" });
    expect(made.statusCode, made.body).toBe(201);
    path = made.json().path;
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\/milestones\.ics$/);
    // Afterwards only when it was made: the secret is never given again.
    const shown = (await viewer.inject({ url: "/api/calendar-feed" })).json();
    expect(Object.keys(shown)).toEqual(["createdAt"]);

    const feed = await fetchFeed(path);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const events = eventsOf(feed.body);
    const visible = await test.prisma.milestone.findMany({
      where: {
        retiredAt: null,
        programme: {
          retiredAt: null,
          OR: [
            { leadOrganisationId: viewer.organisationId },
            { partners: { some: { organisationId: viewer.organisationId } } },
          ],
        },
      },
      include: { programme: true },
    });
    expect(visible.length).toBeGreaterThan(0);
    expect(events.map((event) => event.uid).sort()).toEqual(
      visible.map((milestone) => `${milestone.id}@fundline`).sort(),
    );
    const first = visible.find((milestone) => milestone.programmeId === programmeId)!;
    expect(events.find((event) => event.uid === `${first.id}@fundline`)).toEqual({
      uid: `${first.id}@fundline`,
      summary: `${first.description} (${first.programme.name})`,
      start: (first.forecastOn ?? first.baselineOn).toISOString().slice(0, 10),
      allDay: true,
    });
    // Nothing of a programme the person's council neither leads nor partners.
    expect(events.map((event) => event.uid)).not.toContain(`${elsewhere}@fundline`);
  });

  it("narrows to one programme", async () => {
    const feed = await fetchFeed(`${path}?programmeId=${programmeId}`);
    const count = await test.prisma.milestone.count({
      where: { programmeId: programmeId, retiredAt: null },
    });
    expect(eventsOf(feed.body)).toHaveLength(count);
  });

  it("stops at the old address when the person replaces it, and at any when they revoke it, audited", async () => {
    const replaced = await viewer.inject({ method: "POST", url: "/api/calendar-feed" });
    const fresh = replaced.json().path as string;
    expect(fresh).not.toBe(path);
    expect((await fetchFeed(path)).statusCode).toBe(404);
    expect((await fetchFeed(fresh)).statusCode).toBe(200);

    const revoked = await viewer.inject({ method: "DELETE", url: "/api/calendar-feed" });
    expect(revoked.json()).toEqual({ createdAt: null });
    expect((await fetchFeed(fresh)).statusCode).toBe(404);
    const audit = await test.prisma.auditEvent.findMany({
      where: { entityType: "User", entityId: viewer.userId, reason: { contains: "calendar feed" } },
      orderBy: { occurredAt: "asc" },
    });
    expect(audit.map((event) => event.reason)).toEqual([
      "made a calendar feed",
      "replaced their calendar feed's address",
      "revoked their calendar feed",
    ]);
    // The secret is in no audit event.
    const token = fresh.split("/")[3]!;
    expect(audit.map((event) => JSON.stringify(event.changes)).join()).not.toContain(token);
  });

  it("stops when the person is deactivated", async () => {
    const made = (await viewer.inject({ method: "POST", url: "/api/calendar-feed" })).json().path as string;
    await test.prisma.user.update({ where: { id: viewer.userId }, data: { active: false } });
    expect((await fetchFeed(made)).statusCode).toBe(404);
    await test.prisma.user.update({ where: { id: viewer.userId }, data: { active: true } });
  });

  it("refuses an address that is not one, and slows down guessing", async () => {
    const bad = await fetchFeed("/api/calendar/not-a-token/milestones.ics");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toMatch(/token$/);
    let answers: number[] = [];
    for (let guess = 0; guess < 61; guess++) {
      answers.push((await fetchFeed(`/api/calendar/${"A".repeat(42)}${guess % 10}/milestones.ics`)).statusCode);
    }
    answers = [...new Set(answers)];
    expect(answers).toEqual([404, 429]);
  });
});
