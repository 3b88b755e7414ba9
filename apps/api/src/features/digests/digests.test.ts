// Weekly digests through a real SMTP server (smtp-server) in the test process, read back as a
// mail program would (mailparser): what arrives, to whom, how often, and what a failure and the
// unsubscribe link do.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { consoleMailer, type Mailer, smtpMailer } from "../../lib/mailer.ts";
import { buildTestApp, type SignedIn, type TestApp } from "../../test/test-app.ts";
import { sendWeeklyDigests } from "./send-digests.ts";

const SITE = "https://fundline.test";
/** A Tuesday: the week of Monday 7 December 2026. */
const TUESDAY = new Date("2026-12-08T09:00:00Z");
const NEXT_WEEK = new Date("2026-12-15T09:00:00Z");

let test: TestApp;
let smtp: SMTPServer;
let mailer: Mailer;
const received: ParsedMail[] = [];
/** Addresses the server turns away once with 451 (try later), as a busy mail server does. */
const busyOnce = new Set<string>();
let manager: SignedIn;
let managerEmail: string;
let programmeId: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (busyOnce.delete(address.address)) {
        return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  mailer = smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "Fundline <fundline@test.example>" });

  test = await buildTestApp();
  const council = await test.prisma.organisation.create({ data: { name: "Digest Council", kinds: ["council"] } });
  const programme = await test.prisma.programme.create({
    data: { name: "Digest family hubs", leadOrganisationId: council.id, status: "active" },
  });
  programmeId = programme.id;
  managerEmail = "manager@digest.test";
  manager = await test.signInNew({ role: "programme_manager", organisationId: council.id, email: managerEmail });
  await test.prisma.programmeAssignment.create({ data: { userId: manager.userId, programmeId } });
  await test.prisma.milestone.createMany({
    data: [
      { programmeId, description: "Hub lease signed", baselineOn: new Date("2026-11-30") },
      {
        programmeId,
        description: "Outreach team in post",
        baselineOn: new Date("2026-09-01"),
        forecastOn: new Date("2026-12-20"),
      },
      { programmeId, description: "Second hub opens", baselineOn: new Date("2027-03-01") },
      { programmeId, description: "Already met", baselineOn: new Date("2026-11-01"), status: "met" },
    ],
  });
  await test.prisma.risk.create({
    data: {
      programmeId,
      title: "Recruitment of health visitors",
      likelihood: 3,
      impact: 3,
      updatedAt: new Date("2026-06-01T10:00:00Z"),
    },
  });
});
afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await test.close();
});
beforeEach(() => {
  received.length = 0;
});

const to = (email: string) => received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(email));

describe("a person's weekly digest", () => {
  it("lists their overdue and coming milestones and risks due review, as text and HTML with links", async () => {
    const run = await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: TUESDAY });
    expect(run.failed).toBe(0);
    const [mail] = to(managerEmail);
    expect(to(managerEmail)).toHaveLength(1);
    expect(mail?.subject).toBe("Fundline: 3 things to see to this week");
    const text = mail?.text ?? "";
    expect(text).toContain("Milestones overdue or due in the next 30 days (2)");
    expect(text).toContain("- Hub lease signed (Digest family hubs): was due 30 Nov 2026");
    expect(text).toContain("- Outreach team in post (Digest family hubs): due 20 Dec 2026");
    expect(text).not.toContain("Second hub opens");
    expect(text).not.toContain("Already met");
    expect(text).toContain("Risks due for review (1)");
    expect(text).toContain(`${SITE}/programmes/${programmeId}#milestones`);
    expect(mail?.html).toContain(`<a href="${SITE}/programmes/${programmeId}#milestones"`);
    expect(mail?.html).toContain("Stop these emails");
    const header = (key: string) => mail?.headerLines.find((line) => line.key === key)?.line.replace(/\r\n\s+/g, " ");
    expect(header("list-unsubscribe")).toMatch(
      new RegExp(`^List-Unsubscribe: <${SITE}/api/weekly-digest/unsubscribe/[A-Za-z0-9_-]{43}>$`),
    );
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const digest = await test.prisma.weeklyDigest.findFirstOrThrow({ where: { userId: manager.userId } });
    expect(digest).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("never sends a person's week twice, however many runs there are at once", async () => {
    await Promise.all([
      sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: TUESDAY }),
      sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: TUESDAY }),
    ]);
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date("2026-12-13T20:00:00Z") });
    expect(to(managerEmail)).toHaveLength(0);
    expect(await test.prisma.weeklyDigest.count({ where: { userId: manager.userId } })).toBe(1);
  });

  it("tries a refused send again after five minutes, and sends it once", async () => {
    busyOnce.add(managerEmail);
    const first = await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: NEXT_WEEK });
    expect(first.failed).toBe(1);
    const failed = await test.prisma.weeklyDigest.findFirstOrThrow({
      where: { userId: manager.userId, weekOf: new Date("2026-12-14") },
    });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("Mailbox busy");
    expect(failed.retryAfter?.toISOString()).toBe(new Date(NEXT_WEEK.getTime() + 5 * 60_000).toISOString());

    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date(NEXT_WEEK.getTime() + 60_000) });
    expect(to(managerEmail)).toHaveLength(0);
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date(NEXT_WEEK.getTime() + 6 * 60_000) });
    expect(to(managerEmail)).toHaveLength(1);
    const sent = await test.prisma.weeklyDigest.findUniqueOrThrow({ where: { id: failed.id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("stops with the one link in the email, and sends nothing the week after", async () => {
    busyOnce.clear();
    const week = new Date("2026-12-22T09:00:00Z");
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: week });
    const [mail] = to(managerEmail);
    const link = /\/unsubscribe#token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1];
    expect(link).toBeDefined();

    const wrong = await test.fastify.inject({
      method: "POST",
      url: `/api/weekly-digest/unsubscribe/${"x".repeat(43)}`,
    });
    expect(wrong.statusCode).toBe(404);
    // As a mail program's one-click unsubscribe (RFC 8058) sends it: no session, a form body.
    const stopped = await test.fastify.inject({
      method: "POST",
      url: `/api/weekly-digest/unsubscribe/${link}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect((await manager.inject({ method: "GET", url: "/api/account/weekly-digest" })).json()).toEqual({
      weeklyDigest: false,
    });
    const audit = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "User", entityId: manager.userId, action: "update" },
      orderBy: { occurredAt: "desc" },
    });
    expect(audit.changes).toMatchObject({ weeklyDigest: { before: true, after: false } });

    received.length = 0;
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date("2026-12-29T09:00:00Z") });
    expect(to(managerEmail)).toHaveLength(0);

    // Switched back on from the account page: the week after, the email comes again.
    const on = await manager.inject({
      method: "PUT",
      url: "/api/account/weekly-digest",
      payload: { weeklyDigest: true },
    });
    expect(on.json()).toEqual({ weeklyDigest: true });
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date("2027-01-05T09:00:00Z") });
    expect(to(managerEmail)).toHaveLength(1);
  });

  it("sends nothing to someone with nothing due", async () => {
    const idle = await test.signInNew({
      role: "programme_manager",
      organisationId: (await test.prisma.organisation.create({ data: { name: "Quiet Council", kinds: ["council"] } }))
        .id,
      email: "idle@digest.test",
    });
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date("2027-01-12T09:00:00Z") });
    expect(to("idle@digest.test")).toHaveLength(0);
    expect(await test.prisma.weeklyDigest.findFirstOrThrow({ where: { userId: idle.userId } })).toMatchObject({
      status: "nothing",
    });
  });

  it("tells a finance officer of approvals waiting for them and import rows not yet matched", async () => {
    const council = await test.prisma.organisation.create({ data: { name: "Money Council", kinds: ["council"] } });
    await test.signInNew({
      role: "finance_officer",
      organisationId: council.id,
      email: "fo@digest.test",
    });
    const colleague = await test.signInNew({ role: "finance_officer", organisationId: council.id });
    await test.prisma.changeRequest.create({
      data: {
        organisationId: council.id,
        kind: "commitment.update",
        entityType: "FundingCommitment",
        input: {},
        after: {},
        amountPence: 2_500_000n,
        deltaPence: 500_000n,
        reason: "DfE raised the grant for 2026-27",
        requestedById: colleague.userId,
      },
    });
    const batch = await test.prisma.importBatch.create({
      data: {
        sourceName: "Agresso",
        fileName: "december-ledger.csv",
        fileSha256: "0".repeat(64),
        rowCount: 3,
        totalPence: 0n,
        organisationId: council.id,
      },
    });
    await test.prisma.importSetAsideRow.createMany({
      data: [1, 2, 3].map((line) => ({
        batchId: batch.id,
        organisationId: council.id,
        line,
        kind: "unmatched",
        reason: "code 4410 is not a cost line's",
        rowKey: `row-${line}`,
      })),
    });
    await sendWeeklyDigests(test.prisma, { mailer, siteUrl: SITE, now: new Date("2027-01-19T09:00:00Z") });
    const text = to("fo@digest.test")[0]?.text ?? "";
    expect(text).toContain("Changes waiting for your approval (1)");
    expect(text).toContain("DfE raised the grant for 2026-27, asked by Test finance_officer");
    expect(text).toContain("Imports with rows not yet matched to a cost line (1)");
    expect(text).toContain("december-ledger.csv, imported");
    expect(text).toContain("3 rows unmatched");
    // The one who asked is not asked to approve their own change.
    expect(
      to(String((await test.prisma.user.findUniqueOrThrow({ where: { id: colleague.userId } })).email))[0]?.text ?? "",
    ).not.toContain("Changes waiting for your approval");
  });
});

describe("in development with no mail server", () => {
  it("writes each email to the console instead", async () => {
    const lines: string[] = [];
    await consoleMailer((text) => lines.push(text)).send({
      to: "someone@council.example",
      subject: "Fundline: 1 thing to see to this week",
      text: "Milestones overdue",
      html: "<p>Milestones overdue</p>",
    });
    expect(lines.join("\n")).toContain("To: someone@council.example");
    expect(lines.join("\n")).toContain("Milestones overdue");
  });
});
