// The README's folder map ("Where things are") is a newcomer's first guide: every folder and
// file it names must exist, and every top-level folder of the repository must be on it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** The paths the map names: a name at the line's start, or two spaces in under the last folder. */
function pathsOnTheMap(readme: string): string[] {
  const map = /## Where things are\n+```\n([\s\S]*?)\n```/.exec(readme)?.[1];
  if (!map) throw new Error('the README has no "## Where things are" map');
  const paths: string[] = [];
  let folder = "";
  for (const line of map.split("\n")) {
    const entry = /^( {0,2})(\S+)/.exec(line);
    if (!entry?.[2]) continue; // a description running on
    const [, indent, name] = entry as unknown as [string, string, string];
    // `features/<area>/` names a kind of folder: the folder that holds them must exist.
    const named = name.includes("<") ? name.slice(0, name.indexOf("<")) : name;
    if (indent === "") {
      if (named.endsWith("/")) folder = named;
      paths.push(named);
    } else {
      paths.push(folder + named);
    }
  }
  return paths;
}

describe("the README's folder map", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const paths = pathsOnTheMap(readme);

  it("names only folders and files that exist", () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("has every top-level folder of the repository on it", () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !["node_modules", ".git"].includes(entry.name))
      .map((entry) => `${entry.name}/`);
    // Folders only a build or a run makes (ignored by git) need no place on the map.
    const ignored = readFileSync(join(ROOT, ".gitignore"), "utf8")
      .split("\n")
      .map((line) => line.trim());
    const kept = folders.filter(
      (folder) => !ignored.some((pattern) => pattern && folder.startsWith(pattern.replace(/^\//, ""))),
    );
    expect(kept.filter((folder) => !paths.some((path) => path.startsWith(folder)))).toEqual([]);
  });

  it("reads a map as the README writes it", () => {
    const sample =
      "## Where things are\n\n```\napps/api/src/\n  app.ts              the API\n                      more words\n  features/<area>/    each area\n.ci/run               CI\n```";
    expect(pathsOnTheMap(sample)).toEqual([
      "apps/api/src/",
      "apps/api/src/app.ts",
      "apps/api/src/features/",
      ".ci/run",
    ]);
  });
});
