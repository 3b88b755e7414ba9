import { Secret, TOTP } from "otpauth";

// RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps.
const PERIOD_SECONDS = 30;
const totp = (secret: string, label = "") =>
  new TOTP({
    issuer: "Fundline",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new 160-bit shared secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` address an authenticator app reads from a QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/**
 * The time step a code belongs to, when it is right for this step or the one either side (clock
 * drift) and newer than the last one accepted; otherwise null. A code therefore works once.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code for a moment (tests and scripts that hold the secret). */
export function totpCodeAt(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
