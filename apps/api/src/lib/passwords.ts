import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. (`Algorithm` is a const enum, which
// this build cannot read at run time: 2 is its Argon2id.)
const ARGON2ID = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

// Verifying against this when the email is unknown takes as long as a real check, so the
// response time does not tell an attacker which addresses have accounts.
const UNKNOWN_USER_HASH = hash("no account has this password", ARGON2ID);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await UNKNOWN_USER_HASH), password);
  } catch {
    return false;
  }
}

const COMMON_PASSWORDS = new Set((dictionary["passwords-common"] as string[]).map((word) => word.toLowerCase()));

/**
 * Why a new password is refused, or null. NCSC and NIST SP 800-63B: length and a deny-list of
 * common and context-specific passwords, no composition rules. (Length is checked by the schema.)
 */
export function passwordProblem(password: string, email: string): string | null {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "is one of the most commonly used passwords; choose another";
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (lower.includes("fundline") || (localPart.length >= 4 && lower.includes(localPart))) {
    return "must not contain your email address or the name of this service";
  }
  if (new Set(lower).size < 4) return "repeats too few different characters";
  return null;
}
