import type { Prisma } from "@fundline/db";

/**
 * A kind of record Fundline keeps, declared once by the feature that owns it (its `records.ts`),
 * and read from here by the scope checks, the ownership checks, the audit trail and the
 * reference checks: a new kind of record is added in its own folder, not in lists in `lib/`.
 */
export type RecordKind = {
  /** Its table, as Prisma names the model. */
  table: Prisma.ModelName;
  /** What users call one ("cost line"): every sentence about it uses this. */
  name: string;
  /** Retired rather than deleted: a retired one cannot be named by a new record. */
  retires: boolean;
  /**
   * Who sees it. SQL answering `"programmeId"` and, for one with no programme, the
   * `"organisationId"` it belongs to, for the id in `$1`. `null`: everyone signed in may see it
   * (reference data such as organisations and funds; people, who are administrators' business).
   */
  belongsTo: string | null;
  /**
   * For a record a council owns on a shared programme: SQL answering the `owner` council (NULL:
   * the programme's lead) and the `programme` whose grants apply, for the id in `$1`.
   */
  ownedBy?: string;
  /**
   * A write naming one in its URL must be by its owner (money records: the council whose books
   * they are in). Otherwise only the routes that say so (`must`) ask who owns it.
   */
  onlyItsOwnerChangesIt?: boolean;
  /** How a refused change by a council that does not own it is worded (default: the owner's name). */
  refusal?: (councils: { owner: string; lead: string }, ownership: Ownership) => string;
  /** When a record just written falls outside its writer's scope, the field that put it there. */
  owningField?: { path: string; message: string };
  /**
   * The running totals the database keeps for it, and how a sentence names each one ("the
   * commitment's"), for the bounds a write would break (constraints `<table>_<column>_within_bounds`).
   */
  keptTotals?: Partial<Record<Prisma.ModelName, string>>;
};

/**
 * On a shared programme every council sees every record, but a money record is the record of
 * the council whose books it is in: only that council (and administrators) changes it. "own":
 * the writer's council owns the record. "own or granted": it owns it, or the programme's lead has
 * granted it the right to add cost lines and workstreams (and so to use any of the lines).
 */
export type Ownership = "own" | "own or granted";

/** A record whose programme decides who sees it. */
export type ScopedRecordKind = RecordKind & { belongsTo: string };

const declared = new Map<string, RecordKind>();

/** Declares a kind of record (once, at its feature). */
export function declareRecord<Kind extends RecordKind>(kind: Kind): Kind {
  const already = declared.get(kind.table);
  if (already && already !== kind) throw new Error(`${kind.table} is declared twice`);
  declared.set(kind.table, kind);
  return kind;
}

/** The declared kind of a table named at run time (an audit event's entity), if it is one. */
export function recordKindOf(table: string): RecordKind | undefined {
  return declared.get(table);
}

/** The same, for code that names its table: not declaring it is a mistake in the code. */
export function declaredRecord(table: string): RecordKind {
  const kind = declared.get(table);
  if (!kind) throw new Error(`${table} is not a declared kind of record: declare it in its feature's records.ts`);
  return kind;
}

export function isScoped(kind: RecordKind | undefined): kind is ScopedRecordKind {
  return kind?.belongsTo != null;
}

/** Every declared kind (for tests that go through them all). */
export function declaredRecords(): RecordKind[] {
  return [...declared.values()];
}

/** How a sentence names a kept running total's table ("the cost line's"), if a record keeps it. */
export function keptTotalNamed(table: string): string | undefined {
  for (const kind of declared.values()) {
    const words = kind.keptTotals?.[table as Prisma.ModelName];
    if (words) return words;
  }
  return undefined;
}

/** `belongsTo` for a record with its own `programmeId` column. */
export function inItsProgramme(table: Prisma.ModelName): string {
  return `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "${table}" WHERE id = $1::uuid`;
}

/** `ownedBy` for a record with its own `programmeId` and `ownerOrganisationId` columns. */
export function ownedInItsProgramme(table: Prisma.ModelName): string {
  return `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "${table}" record JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`;
}

/** `ownedBy` for a programme's structure, which is its lead's. */
export function ownedByTheLead(table: Prisma.ModelName): string {
  return `SELECT programme."leadOrganisationId" AS owner, programme.id AS programme FROM "${table}" record
          JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`;
}

/** The tables whose rows carry a `version`, read from the schema itself. */
export type VersionedTable = {
  [Model in Prisma.ModelName]: "version" extends keyof Prisma.TypeMap["model"][Model]["payload"]["scalars"]
    ? Model
    : never;
}[Prisma.ModelName];
