// Prints how much JavaScript each entry page loads before it can show anything, gzipped as the
// server sends it (the .gz files compress-assets.ts wrote), from Vite's build manifest, and
// fails the build when a page is over its budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Chunk = { file: string; imports?: string[]; isEntry?: boolean; src?: string };

const dist = join(import.meta.dirname, "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;

/** The chunk and everything it imports statically: what the browser must load first. */
function initialFiles(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) initialFiles(imported, seen);
  return seen;
}

const gzippedBytes = (files: Iterable<string>) =>
  [...files]
    .filter((file) => file.endsWith(".js"))
    .reduce((total, file) => total + readFileSync(join(dist, `${file}.gz`)).length, 0);

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entry) throw new Error("The build manifest has no entry chunk.");
const home = "src/features/home/components/home-page.tsx";
// After sign-in the signed-in pages' route table loads, then the home page's own chunk.
const routes = "src/app/signed-in-routes.tsx";
for (const lazyChunk of [home, routes]) {
  if (!manifest[lazyChunk])
    throw new Error(`The build manifest has no chunk for ${lazyChunk}: is it still loaded lazily?`);
}

const pages = [
  { name: "Sign-in page", files: initialFiles(entry), budgetKb: 100 },
  { name: "Home page", files: initialFiles(home, initialFiles(routes, initialFiles(entry))), budgetKb: 200 },
];
let over = false;
console.log("Initial JavaScript, gzipped:");
for (const page of pages) {
  const kb = gzippedBytes(page.files) / 1024;
  const verdict = kb <= page.budgetKb ? "within" : "OVER";
  over ||= kb > page.budgetKb;
  console.log(`  ${page.name.padEnd(14)} ${kb.toFixed(1).padStart(6)} KB (${verdict} its ${page.budgetKb} KB budget)`);
}
if (over) process.exit(1);
