// Secrets given to people or programs once (a session's cookie, an invitation's link, a calendar
// feed's address): 32 random bytes, base64url; the database keeps only their SHA-256, so a copy
// of it opens nothing.
import { createHash, randomBytes } from "node:crypto";

export const newSecretToken = (): string => randomBytes(32).toString("base64url");

export const hashOfSecret = (token: string): string => createHash("sha256").update(token).digest("hex");
