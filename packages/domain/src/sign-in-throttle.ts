// Throttling failed sign-ins the way OWASP ASVS 5.0 (6.3.1) and NIST SP 800-63B (5.2.2) ask:
// per account and address, with delays that grow, so guessing is slow, while nobody can lock
// another person out by failing on purpose from somewhere else.

/** Failures of one account from one address allowed before each further try must wait. */
export const FREE_FAILURES = 5;
/** The longest any wait grows to. */
export const LONGEST_WAIT_SECONDS = 15 * 60;
/** Failures of one account from every address in a day after which only an administrator can clear it (NIST: at most 100). */
export const ACCOUNT_FAILURE_LIMIT = 100;
/** Failures from one address, across accounts, before its unknown accounts must wait too. */
export const ADDRESS_FREE_FAILURES = 20;

/**
 * How long after the latest failure the next try must wait: none for the first few failures,
 * then 1 s, 2 s, 4 s … doubling up to 15 minutes.
 */
export function waitAfterFailures(failures: number, free = FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), LONGEST_WAIT_SECONDS);
}

/** Seconds still to wait, from the failures and when the latest was (0: may try now). */
export function secondsToWait(failures: number, latestFailure: Date | null, now: Date, free = FREE_FAILURES): number {
  if (!latestFailure) return 0;
  const waitUntil = latestFailure.getTime() + waitAfterFailures(failures, free) * 1_000;
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1_000));
}
