import type { PrismaClient } from "@fundline/db";
import { mondayOfWeek, type Role, todayInTheUk } from "@fundline/domain";
import type { Mailer } from "../../lib/mailer.ts";
import { hashOfSecret, newSecretToken } from "../../lib/secret-tokens.ts";
import { digestEmail } from "./digest-email.ts";
import { nothingIsDue, whatIsDueFor } from "./due-for-person.ts";

/** A failed send is tried again after 5, 10, 20 and 40 minutes, then given up for the week. */
export const MOST_ATTEMPTS = 5;
const FIRST_RETRY_MS = 5 * 60_000;
/** People claimed at a time, so a run over a large council holds nothing for long. */
const BATCH = 50;

export type DigestRun = { sent: number; failed: number; nothingDue: number };

type Claimed = {
  id: string;
  attempts: number;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
};

/**
 * This week's digests: every active person who wants one and has none yet this week, then any
 * that failed and are due another try. The row for a person's week is the claim (unique per
 * person and week, taken by one INSERT … ON CONFLICT DO NOTHING or one UPDATE … SKIP LOCKED), so
 * two servers running at once never send a week twice; a send interrupted before the mail server
 * answered stays "sending" and is not tried again, since it may have gone.
 */
export async function sendWeeklyDigests(
  prisma: PrismaClient,
  options: { mailer: Mailer; siteUrl: string; now?: Date },
): Promise<DigestRun> {
  const now = options.now ?? new Date();
  const today = todayInTheUk(now);
  const week = mondayOfWeek(today);
  const run: DigestRun = { sent: 0, failed: 0, nothingDue: 0 };
  for (;;) {
    const claimed = await prisma.$queryRaw<Claimed[]>`
      WITH claimed AS (
        INSERT INTO "WeeklyDigest" ("userId", "weekOf", "createdAt")
        SELECT person.id, ${week}::date, ${now} FROM "User" person
        WHERE person.active AND person."weeklyDigest"
          AND NOT EXISTS (SELECT 1 FROM "WeeklyDigest" digest
                          WHERE digest."userId" = person.id AND digest."weekOf" = ${week}::date)
        ORDER BY person.id LIMIT ${BATCH}
        ON CONFLICT ("userId", "weekOf") DO NOTHING
        RETURNING id, attempts, "userId")
      SELECT claimed.id, claimed.attempts, claimed."userId", person.email, person."displayName", person.role::text AS role,
             person."organisationId"
      FROM claimed JOIN "User" person ON person.id = claimed."userId"`;
    const retried = await prisma.$queryRaw<Claimed[]>`
      WITH retried AS (
        UPDATE "WeeklyDigest" digest SET status = 'sending', attempts = digest.attempts + 1, "retryAfter" = NULL
        WHERE digest.id IN (SELECT id FROM "WeeklyDigest"
                            WHERE status = 'failed' AND "weekOf" = ${week}::date AND "retryAfter" <= ${now}
                              AND EXISTS (SELECT 1 FROM "User" person WHERE person.id = "userId"
                                          AND person.active AND person."weeklyDigest")
                            ORDER BY "retryAfter" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING digest.id, digest.attempts, digest."userId")
      SELECT retried.id, retried.attempts, retried."userId", person.email, person."displayName", person.role::text AS role,
             person."organisationId"
      FROM retried JOIN "User" person ON person.id = retried."userId"`;
    const batch = [...claimed, ...retried];
    if (batch.length === 0) return run;
    for (const digest of batch) {
      const outcome = await sendOne(prisma, digest, { ...options, now, today });
      run[outcome] += 1;
    }
  }
}

async function sendOne(
  prisma: PrismaClient,
  digest: Claimed,
  options: { mailer: Mailer; siteUrl: string; now: Date; today: string },
): Promise<keyof DigestRun> {
  const person = {
    id: digest.userId,
    email: digest.email,
    displayName: digest.displayName,
    role: digest.role,
    organisationId: digest.organisationId,
  };
  const due = await whatIsDueFor(prisma, person, options.today);
  if (nothingIsDue(due)) {
    await prisma.weeklyDigest.update({ where: { id: digest.id }, data: { status: "nothing" } });
    return "nothingDue";
  }
  // A new unsubscribe secret for each try: only the email that went out carries a working one.
  const unsubscribeToken = newSecretToken();
  await prisma.weeklyDigest.update({
    where: { id: digest.id },
    data: { unsubscribeTokenHash: hashOfSecret(unsubscribeToken) },
  });
  const email = digestEmail({ person, due, today: options.today, siteUrl: options.siteUrl, unsubscribeToken });
  try {
    await options.mailer.send({
      to: person.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // RFC 8058: mail programs offer "Unsubscribe", which POSTs to this address.
      headers: {
        "List-Unsubscribe": `<${options.siteUrl}/api/weekly-digest/unsubscribe/${unsubscribeToken}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
  } catch (error) {
    const finalTry = digest.attempts >= MOST_ATTEMPTS;
    await prisma.weeklyDigest.update({
      where: { id: digest.id },
      data: {
        status: "failed",
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        retryAfter: finalTry ? null : new Date(options.now.getTime() + FIRST_RETRY_MS * 2 ** (digest.attempts - 1)),
      },
    });
    return "failed";
  }
  await prisma.weeklyDigest.update({ where: { id: digest.id }, data: { status: "sent", sentAt: new Date() } });
  return "sent";
}
