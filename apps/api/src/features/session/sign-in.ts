import type { PrismaClient } from "@fundline/db";
import type { SignInRequest } from "@fundline/schemas";
import { TooManyAttempts, Unauthenticated } from "../../errors.ts";
import { verifyPassword } from "./passwords.ts";
import { type SessionSettings, startSession } from "./sessions.ts";
import { acceptedTotpStep } from "./totp.ts";

/** Failed attempts allowed in the window before sign-in is refused with 429. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

/**
 * Checks the password and starts a new session. Unknown email and wrong password get the same
 * answer in the same time; too many failures for the account or the address get 429.
 */
export async function signIn(
  prisma: PrismaClient,
  options: { input: SignInRequest; ipAddress: string; userAgent?: string; settings: SessionSettings },
): Promise<{ token: string; expiresAt: Date }> {
  const { email, password } = options.input;
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const [failures] = await prisma.$queryRaw<{ account: bigint; address: bigint }[]>`
      SELECT count(*) FILTER (WHERE email = ${email}) AS account,
             count(*) FILTER (WHERE "ipAddress" = ${options.ipAddress}) AS address
      FROM "SignInAttempt"
      WHERE NOT succeeded AND "attemptedAt" > ${since}
        AND (email = ${email} OR "ipAddress" = ${options.ipAddress})`;
  if (Number(failures?.account ?? 0) >= SIGN_IN_LIMITS.perAccount) {
    throw new TooManyAttempts(
      `Too many failed sign-ins for this account. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again, or ask an administrator to help.`,
      SIGN_IN_LIMITS.windowMinutes * 60,
    );
  }
  if (Number(failures?.address ?? 0) >= SIGN_IN_LIMITS.perAddress) {
    throw new TooManyAttempts(
      `Too many failed sign-ins from this address. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again.`,
      SIGN_IN_LIMITS.windowMinutes * 60,
    );
  }

  const user = await prisma.user.findUnique({ where: { email } });
  const passwordIsRight = await verifyPassword(user?.passwordHash ?? null, password);
  const recordAttempt = (succeeded: boolean) =>
    prisma.signInAttempt.create({ data: { email, ipAddress: options.ipAddress, succeeded } });
  if (!user?.active || !passwordIsRight) {
    await recordAttempt(false);
    throw new Unauthenticated("The email address or password is not right.");
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
