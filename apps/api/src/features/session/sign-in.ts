import type { PrismaClient } from "@fundline/db";
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FREE_FAILURES, secondsToWait } from "@fundline/domain";
import type { SignInRequest } from "@fundline/schemas";
import { Forbidden, TooManyAttempts, Unauthenticated } from "../../errors.ts";
import { verifyPassword } from "../../lib/passwords.ts";
import { type SessionSettings, startSession } from "../../lib/sessions.ts";
import { acceptedTotpStep } from "./totp.ts";

/**
 * Checks the password and starts a new session. Unknown email and wrong password get the same
 * answer in the same time. Failures slow down further tries (growing waits, 429 with
 * Retry-After) for that account from that address, and for an address's accounts it has never
 * signed in from; failing on purpose from elsewhere cannot lock anybody out, short of the 100
 * failures a day at which an administrator must clear the account.
 */
export async function signIn(
  prisma: PrismaClient,
  options: { input: SignInRequest; ipAddress: string; userAgent?: string; settings: SessionSettings },
): Promise<{ token: string; expiresAt: Date }> {
  const { email, password } = options.input;
  const wait = await signInWait(prisma, email, options.ipAddress, new Date());
  if (wait) throw new TooManyAttempts(wait.message, wait.seconds);

  const user = await prisma.user.findUnique({
    where: { email },
    include: { organisation: { select: { identityProvider: { select: { passwordSignIn: true } } } } },
  });
  const passwordIsRight = await verifyPassword(user?.passwordHash ?? null, password);
  const recordAttempt = (succeeded: boolean) =>
    prisma.signInAttempt.create({ data: { email, ipAddress: options.ipAddress, succeeded } });
  if (!user?.active || !passwordIsRight) {
    await recordAttempt(false);
    throw new Unauthenticated("The email address or password is not right.");
  }

  // Only once the password is right, so this says nothing to someone guessing. Administrators keep
  // their password: a council's provider being down must not lock everyone out of Fundline.
  if (user.organisation.identityProvider?.passwordSignIn === false && user.role !== "administrator") {
    throw new Forbidden(
      "Your council signs in to Fundline with its own accounts: choose “Sign in with your council account”.",
    );
  }

  // Second factor: a code from the authenticator app, once per 30-second step.
  let totpStep: number | null = null;
  if (user.totpSecret) {
    if (!options.input.totpCode) {
      throw new Unauthenticated("Enter the 6-digit code from your authenticator app.", [
        { path: "totpCode", message: "is required for this account" },
      ]);
    }
    totpStep = acceptedTotpStep(user.totpSecret, options.input.totpCode, user.totpLastStep);
    if (totpStep === null) {
      await recordAttempt(false);
      throw new Unauthenticated("That code is not right, or has been used. Wait for the next one and try again.", [
        { path: "totpCode", message: "is not right" },
      ]);
    }
  }
  await recordAttempt(true);
  // A role that requires two-factor sign-in, for a user without it: the session can only set it up.
  const policy = await prisma.rolePolicy.findUnique({ where: { role: user.role } });
  const mustEnrol = !user.totpSecret && Boolean(policy?.totpRequired);

  return prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: new Date(), totpLastStep: totpStep ?? undefined },
    });
    return startSession(tx, {
      userId: user.id,
      settings: options.settings,
      ipAddress: options.ipAddress,
      userAgent: options.userAgent,
      verified: !mustEnrol,
    });
  });
}

type Throttle = {
  pairFailures: bigint;
  pairLatest: Date | null;
  accountFailures: bigint;
  addressFailures: bigint;
  addressLatest: Date | null;
  knownAddress: boolean;
};

/**
 * Whether this try must wait, and why. Failures count since the last success of the same kind,
 * over the last day; an address the account has signed in from in the last 30 days is known,
 * so others failing from a shared office address do not hold its people back.
 */
export async function signInWait(
  prisma: Pick<PrismaClient, "$queryRaw">,
  email: string,
  ipAddress: string,
  now: Date,
): Promise<{ seconds: number; message: string } | null> {
  const day = new Date(now.getTime() - 24 * 3_600_000);
  const month = new Date(now.getTime() - 30 * 24 * 3_600_000);
  const [throttle] = await prisma.$queryRaw<Throttle[]>`
    WITH recent AS (
      SELECT email, "ipAddress", succeeded, "attemptedAt" FROM "SignInAttempt"
      WHERE "attemptedAt" > ${day} AND (email = ${email} OR "ipAddress" = ${ipAddress})
    ), last_success AS (
      SELECT max("attemptedAt") FILTER (WHERE email = ${email} AND "ipAddress" = ${ipAddress}) AS pair,
             max("attemptedAt") FILTER (WHERE email = ${email}) AS account
      FROM recent WHERE succeeded
    ), pair_failures AS (
      SELECT recent.* FROM recent, last_success
      WHERE NOT succeeded AND email = ${email} AND "ipAddress" = ${ipAddress}
        AND "attemptedAt" > coalesce(last_success.pair, '-infinity')
    )
    SELECT (SELECT count(*) FROM pair_failures) AS "pairFailures",
           (SELECT max("attemptedAt") FROM pair_failures) AS "pairLatest",
           (SELECT count(*) FROM recent, last_success
            WHERE NOT succeeded AND email = ${email} AND "attemptedAt" > coalesce(last_success.account, '-infinity'))
             AS "accountFailures",
           (SELECT count(*) FROM recent WHERE NOT succeeded AND "ipAddress" = ${ipAddress}) AS "addressFailures",
           (SELECT max("attemptedAt") FROM recent WHERE NOT succeeded AND "ipAddress" = ${ipAddress}) AS "addressLatest",
           EXISTS (SELECT 1 FROM "SignInAttempt" WHERE succeeded AND email = ${email} AND "ipAddress" = ${ipAddress}
                   AND "attemptedAt" > ${month}) AS "knownAddress"`;
  if (!throttle) return null;
  if (Number(throttle.accountFailures) >= ACCOUNT_FAILURE_LIMIT) {
    return {
      seconds: 24 * 3_600,
      message: "This account has had too many failed sign-ins today. Ask an administrator to clear it.",
    };
  }
  const pairWait = secondsToWait(Number(throttle.pairFailures), throttle.pairLatest, now);
  const addressWait = throttle.knownAddress
    ? 0
    : secondsToWait(Number(throttle.addressFailures), throttle.addressLatest, now, ADDRESS_FREE_FAILURES);
  const seconds = Math.max(pairWait, addressWait);
  if (!seconds) return null;
  return {
    seconds,
    message: `Too many failed sign-ins${pairWait >= addressWait ? " for this account" : " from this address"}. Try again in ${
      seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
    }.`,
  };
}
