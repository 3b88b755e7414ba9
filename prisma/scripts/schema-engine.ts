// Prisma's schema engine compiled to WebAssembly: it computes migration SQL offline, where the
// native engine cannot be downloaded. Run with `node --experimental-wasm-modules` on Node 20.
import { readFile } from "node:fs/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { type DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm";

export type SchemaFile = { path: string; content: string };
export type SchemaSource = SchemaFile | "empty";

/**
 * The SQL that turns a database shaped like `from` into one shaped like `to`. Diffing two
 * datamodels reads no tables, but the engine opens a connection first, so it needs a reachable
 * PostgreSQL (`connectionString`).
 */
export async function diffSchemas(connectionString: string, from: SchemaSource, to: SchemaSource): Promise<string> {
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const datamodels = to === "empty" ? undefined : ([[to.path, to.content]] as [string, string][]);
  const engine = await SchemaEngine.new({ datamodels }, () => {}, adapter);
  const target = (source: SchemaSource): DiffTarget =>
    source === "empty" ? { tag: "empty" } : { tag: "schemaDatamodel", files: [source] };
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}

export async function readSchemaFile(path: string): Promise<SchemaFile> {
  return { path: "schema.prisma", content: await readFile(path, "utf8") };
}

export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === "" || sql.includes("This is an empty migration.");
}
