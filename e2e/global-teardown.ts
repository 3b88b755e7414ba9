import { rm } from "node:fs/promises";
import { e2eDataDir } from "./playwright.config.ts";

// The server deletes its database folder when it stops; this removes anything left if it was killed.
export default async function globalTeardown() {
  await rm(e2eDataDir, { recursive: true, force: true });
}
