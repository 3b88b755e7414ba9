// The API as one JavaScript file (dist/server.mjs) for `pnpm start` and the Docker image: the
// workspace's own TypeScript (api, db, domain, schemas, the generated Prisma client) bundled,
// the API's npm dependencies left to node_modules. Run as built JavaScript the server starts
// faster and holds less memory than through tsx, which compiles every module as it loads and
// keeps its source maps. Development (`pnpm dev`) and the tests still run the TypeScript.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const OUT_FILE = `${API_DIR}dist/server.mjs`;

const { dependencies } = JSON.parse(await readFile(`${API_DIR}package.json`, "utf8")) as {
  dependencies: Record<string, string>;
};
// The API's own dependencies resolve from apps/api/node_modules, beside the bundle; some read
// files next to themselves (swagger-ui's pages) or are native (argon2), so none is bundled.
const external = Object.keys(dependencies)
  .filter((name) => !name.startsWith("@fundline/"))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * Modules that find files next to themselves (the migrations, the SQL, the web build, the
 * embedded PostgreSQL's binaries) through `import.meta.url` keep finding them: in the bundle
 * each one's `import.meta.url` is its own source file's, worked out from the bundle's place.
 */
const ownLocation: Plugin = {
  name: "own-import-meta-url",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const fromBundle = relative(dirname(OUT_FILE), args.path);
      return {
        contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: "ts",
      };
    });
  },
};

const result = await build({
  entryPoints: [`${API_DIR}src/server.ts`],
  outfile: OUT_FILE,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: [...external, "pg-native"],
  plugins: [ownLocation],
  // Bundled CommonJS (the Prisma runtime) may call require: give ES modules one.
  banner: {
    js: "import { createRequire as __fundlineRequire } from 'node:module'; const require = __fundlineRequire(import.meta.url);",
  },
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
});
// V8 holds a script's source as one byte a character only if every character is ASCII; esbuild
// escapes strings but keeps the few non-ASCII characters of comments and one regular expression,
// which made the whole source a two-byte string, twice its size. An escape means the same
// character in a string, a template, a regular expression or a name, and nothing in a comment.
const bundle = await readFile(OUT_FILE, "utf8");
await writeFile(
  OUT_FILE,
  bundle.replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`),
);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `API built: ${relative(process.cwd(), OUT_FILE)} (${(bytes / 1024 / 1024).toFixed(1)} MB with its source map)`,
);
