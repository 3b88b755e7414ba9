// Prints the SQL that creates schema.prisma's tables from nothing (used by the drift test).
// Needs a reachable PostgreSQL in DATABASE_URL (the engine connects, it does not read tables).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diffSchemas, readSchemaFile } from "./schema-engine.ts";

const schema = await readSchemaFile(join(fileURLToPath(new URL("..", import.meta.url)), "schema.prisma"));
process.stdout.write(await diffSchemas(process.env.DATABASE_URL ?? "", "empty", schema));
