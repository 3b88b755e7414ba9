// Runs `prisma generate`. Generating the client does not run Prisma's native schema engine, but
// the CLI downloads one first unless PRISMA_SCHEMA_ENGINE_BINARY names a file; pointing it at
// any existing file (here: node itself) lets generate work offline, and changes nothing else.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const prismaCli = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const result = spawnSync(process.execPath, [prismaCli, "generate", "--no-hints"], {
  cwd: join(here, ".."),
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
