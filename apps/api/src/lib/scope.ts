import { Prisma, type PrismaClient } from "@fundline/db";
import { needsAssignment, type Permission, seesEveryProgramme } from "@fundline/domain";
import type { FastifyRequest } from "fastify";
import { Forbidden, NotFound, RuleBroken, Unauthenticated } from "../errors.ts";
import { assertOwnedBy, type Ownership } from "./ownership.ts";
import { declaredRecord, declareRecord, isScoped, recordKindOf, type ScopedRecordKind } from "./records.ts";
import { isRecordId, noSuch } from "./references.ts";

/**
 * Which programmes a user sees: every one (administrators), or those their organisation leads
 * or is a partner in. Records outside it answer exactly as records that do not exist.
 */
export type Scope = { organisationId: string | null };

/** Who is signed in, for a route that needs them (401 when no one is). */
export function principalOf(request: FastifyRequest) {
  if (!request.principal) throw new Unauthenticated("Sign in to continue.");
  return request.principal;
}

export function scopeOf(request: FastifyRequest): Scope {
  const principal = principalOf(request);
  return { organisationId: seesEveryProgramme(principal.role) ? null : principal.organisationId };
}

/** The Prisma filter for programmes in scope (`undefined`: all). */
export function visibleProgrammes(scope: Scope): Prisma.ProgrammeWhereInput | undefined {
  if (scope.organisationId === null) return undefined;
  return {
    OR: [
      { leadOrganisationId: scope.organisationId },
      { partners: { some: { organisationId: scope.organisationId } } },
    ],
  };
}

/** The same filter as SQL over a `programme` alias, for raw queries. */
export function visibleProgrammesSql(scope: Scope): Prisma.Sql {
  if (scope.organisationId === null) return Prisma.sql`TRUE`;
  return Prisma.sql`(programme."leadOrganisationId" = ${scope.organisationId}::uuid OR EXISTS (
    SELECT 1 FROM "ProgrammePartner" partner
    WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${scope.organisationId}::uuid))`;
}

/**
 * The programmes a user may change: those their council leads, or partners and has not
 * withdrawn from (a withdrawal takes effect on its date). A council that withdrew still sees
 * the programme — what it paid and agreed stays answerable to it — but changes nothing there.
 */
function changeableProgrammesSql(scope: Scope): Prisma.Sql {
  if (scope.organisationId === null) return Prisma.sql`TRUE`;
  return Prisma.sql`(programme."leadOrganisationId" = ${scope.organisationId}::uuid OR EXISTS (
    SELECT 1 FROM "ProgrammePartner" partner
    WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${scope.organisationId}::uuid
      AND (partner."withdrewOn" IS NULL OR partner."withdrewOn" > current_date)))`;
}

/** A table whose records are scoped: declared (in its feature's records.ts) with `belongsTo`. */
export type ScopedTable = Prisma.ModelName;

/** The programme, the root of every scope (declared here: every feature's records hang off one). */
export const programmeRecord = declareRecord({
  table: "Programme",
  name: "programme",
  retires: true,
  belongsTo: `SELECT id AS "programmeId", NULL::uuid AS "organisationId" FROM "Programme" WHERE id = $1::uuid`,
  // A programme's structure and partners are its lead's.
  ownedBy: `SELECT "leadOrganisationId" AS owner, id AS programme FROM "Programme" WHERE id = $1::uuid`,
  refusal: ({ lead }) =>
    `Only ${lead}, which leads this programme, can add cost lines and workstreams to it, unless it grants your council that right.`,
  owningField: { path: "leadOrganisationId", message: "must be your own organisation" },
  keptTotals: { ProgrammeTotal: "the programme's", ProgrammeMonthTotal: "the programme's month's" },
});

function scopedRecord(table: string): ScopedRecordKind {
  const kind = declaredRecord(table);
  if (!isScoped(kind)) throw new Error(`${table} is not scoped by programme`);
  return kind;
}

/**
 * Whether the user may see a record: it exists, and its programme is in scope (or, with no
 * programme, its organisation is theirs). One question, so "outside scope" and "does not exist"
 * can never be told apart.
 */
async function ownerInScope(
  prisma: Pick<PrismaClient, "$queryRaw" | "$queryRawUnsafe">,
  scope: Scope,
  table: ScopedTable,
  id: string,
  changing = false,
): Promise<{ programmeId: string | null } | null> {
  if (!isRecordId(id)) return null;
  const [owner] = await prisma.$queryRawUnsafe<{ programmeId: string | null; organisationId: string | null }[]>(
    scopedRecord(table).belongsTo,
    id,
  );
  if (!owner) return null;
  if (scope.organisationId === null) return owner;
  if (owner.programmeId) {
    const [row] = await prisma.$queryRaw<{ visible: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "Programme" programme
                     WHERE programme.id = ${owner.programmeId}::uuid
                       AND ${changing ? changeableProgrammesSql(scope) : visibleProgrammesSql(scope)}) AS visible`;
    return row?.visible ? owner : null;
  }
  return owner.organisationId === scope.organisationId ? owner : null;
}

/**
 * A reference to a scoped record in a request: which part, which field, which table, and for a
 * write whose council must own it (`must`; by default, an owned record named in the URL).
 */
export type ScopeCheck = { table: ScopedTable; in: "params" | "body" | "query"; field: string; must?: Ownership };

/**
 * Checks every record a request names. Out of scope or missing: 404 for a record in the URL,
 * 422 naming the field for one in the body, worded exactly as for a record that does not
 * exist. A programme manager changing delivery records must also be assigned to the programme.
 */
export async function assertInScope(
  prisma: PrismaClient,
  request: FastifyRequest,
  checks: readonly ScopeCheck[],
  access: Permission,
): Promise<void> {
  const principal = request.principal;
  if (!principal) return;
  const scope = scopeOf(request);
  for (const check of checks) {
    const value = (request[check.in] as Record<string, unknown> | undefined)?.[check.field];
    if (typeof value !== "string" || !isRecordId(value)) continue;
    const owner = await ownerInScope(prisma, scope, check.table, value);
    if (!owner) {
      const { name } = scopedRecord(check.table);
      if (check.in === "body") throw new RuleBroken([noSuch(check.field, name, value)]);
      throw new NotFound(name.charAt(0).toUpperCase() + name.slice(1), value);
    }
    if (access !== "read" && !(await ownerInScope(prisma, scope, check.table, value, true))) {
      throw new Forbidden(
        "Your council has withdrawn from this programme: it can still see the programme but no longer change it.",
      );
    }
    const must =
      check.must ?? (check.in === "params" && scopedRecord(check.table).onlyItsOwnerChangesIt ? "own" : undefined);
    if (access !== "read" && must && scope.organisationId !== null) {
      await assertOwnedBy(prisma, scope.organisationId, check.table, value, must);
    }
    if (needsAssignment(principal.role, access)) {
      const assigned =
        owner.programmeId !== null &&
        (await prisma.programmeAssignment.findUnique({
          where: { userId_programmeId: { userId: principal.userId, programmeId: owner.programmeId } },
        }));
      if (!assigned) {
        throw new Forbidden("You are not assigned to this programme. Ask an administrator to assign you.");
      }
    }
  }
}

/**
 * A record just written (inside the transaction that wrote it) must be one its writer can see:
 * a commitment with no programme for another council, or a decision for another council's
 * organisation, would be written into records that are not theirs. Refused like a missing one.
 */
export async function assertStaysInScope(
  tx: Pick<PrismaClient, "$queryRaw" | "$queryRawUnsafe">,
  scope: Scope,
  table: ScopedTable,
  id: string,
): Promise<void> {
  if (scope.organisationId === null) return;
  if (await ownerInScope(tx, scope, table, id)) return;
  const kind = scopedRecord(table);
  throw new RuleBroken([
    kind.owningField ?? { path: "programmeId", message: `no such programme among yours for this ${kind.name}` },
  ]);
}

/** For the audit trail and others that name a table at run time. */
export function isScopedTable(name: string): name is ScopedTable {
  return isScoped(recordKindOf(name));
}

/** Every programme: for code that runs after the route has already checked the record's scope. */
export const ALREADY_CHECKED: Scope = { organisationId: null };

/** The programme a record belongs to, if any: where its audit events appear in a programme's history. */
export async function programmeOf(
  tx: Pick<PrismaClient, "$queryRawUnsafe">,
  entityType: string,
  id: string,
): Promise<string | null> {
  const kind = recordKindOf(entityType);
  if (!isScoped(kind) || !isRecordId(id)) return null;
  const [owner] = await tx.$queryRawUnsafe<{ programmeId: string | null }[]>(kind.belongsTo, id);
  return owner?.programmeId ?? null;
}
