// prisma/sql/ holds the current definition of every function and trigger the migrations make.
// These read it and a live database the same way, so a test can compare the two and
// `pnpm db:new-migration` can write the SQL that takes the database to what the folder says.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

export const SQL_HOME = fileURLToPath(new URL("../sql", import.meta.url));

/** One function or trigger, as PostgreSQL prints it, keyed by what identifies it. */
export type Definition = { kind: "function" | "trigger"; key: string; text: string };

// A function runs to the end of its $function$ body, or (a SQL-standard body) its first ";".
const STATEMENT =
  /CREATE OR REPLACE FUNCTION[\s\S]*?(?:AS \$function\$[\s\S]*?\$function\$|RETURN [^;]*);|CREATE (?:CONSTRAINT )?TRIGGER [^;]*;/g;

/** Every `CREATE OR REPLACE FUNCTION …;` and `CREATE [CONSTRAINT] TRIGGER …;` written in the folder. */
export async function writtenDefinitions(folder = SQL_HOME): Promise<Definition[]> {
  const definitions: Definition[] = [];
  for (const file of (await readdir(folder)).filter((name) => name.endsWith(".sql")).sort()) {
    const text = await readFile(join(folder, file), "utf8");
    for (const match of text.matchAll(STATEMENT)) definitions.push(definitionOf(match[0].replace(/;$/, "")));
  }
  return definitions;
}

/** Every function and trigger of the database's public schema (none of an extension's). */
export async function liveDefinitions(client: pg.ClientBase): Promise<Definition[]> {
  const { rows } = await client.query<{ definition: string }>(`
    SELECT pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal`);
  return rows.map((row) => definitionOf(row.definition));
}

function definitionOf(written: string): Definition {
  const text = written
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
  const trigger = /^CREATE (?:CONSTRAINT )?TRIGGER ("[^"]+"|\w+) .*? ON (\S+) /.exec(text);
  if (trigger) return { kind: "trigger", key: `${trigger[1]} ON ${trigger[2]}`, text };
  const func = /^CREATE OR REPLACE FUNCTION (\S+?\([^)]*\))/.exec(text);
  if (!func?.[1]) throw new Error(`not a function or trigger definition: ${text.slice(0, 80)}`);
  return { kind: "function", key: func[1], text };
}

/**
 * The SQL that takes a database holding `live` to `written`: triggers no longer written are
 * dropped, then functions are created or replaced (and ones no longer written dropped), then
 * new or changed triggers are created afresh. Empty when the two agree.
 */
export function definitionChanges(live: Definition[], written: Definition[]): string {
  const liveByKey = new Map(live.map((definition) => [definition.key, definition]));
  const writtenKeys = new Set(written.map((definition) => definition.key));
  const changed = written.filter((definition) => liveByKey.get(definition.key)?.text !== definition.text);
  const gone = live.filter((definition) => !writtenKeys.has(definition.key));
  const statements = [
    ...[...gone, ...changed.filter((definition) => liveByKey.has(definition.key))]
      .filter((definition) => definition.kind === "trigger")
      .map((definition) => `DROP TRIGGER IF EXISTS ${definition.key};`),
    ...changed.filter((definition) => definition.kind === "function").map((definition) => `${definition.text};`),
    ...gone
      .filter((definition) => definition.kind === "function")
      .map((definition) => `DROP FUNCTION ${definition.key};`),
    ...changed.filter((definition) => definition.kind === "trigger").map((definition) => `${definition.text};`),
  ];
  return statements.join("\n\n");
}
