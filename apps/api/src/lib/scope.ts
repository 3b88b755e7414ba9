import { Prisma, type PrismaClient } from "@fundline/db";
import { needsAssignment, type Permission, seesEveryProgramme } from "@fundline/domain";
import type { FastifyRequest } from "fastify";
import { Forbidden, NotFound, RuleBroken, Unauthenticated } from "../errors.ts";
import { assertOwnedBy, OWNED_RECORDS, type Ownership } from "./ownership.ts";

/**
 * Which programmes a user sees: every one (administrators), or those their organisation leads
 * or is a partner in. Records outside it answer exactly as records that do not exist.
 */
export type Scope = { organisationId: string | null };

export function scopeOf(request: FastifyRequest): Scope {
  const principal = request.principal;
  if (!principal) throw new Unauthenticated("Sign in to continue.");
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

/** Records whose programme decides who sees them, and what users call them. */
export const SCOPED_TABLES = {
  Programme: "programme",
  Workstream: "workstream",
  CostLine: "cost line",
  CostSharingAgreement: "cost-sharing agreement",
  ProgrammePartner: "partner",
  Milestone: "milestone",
  DeliverableTarget: "deliverable",
  Benefit: "benefit",
  Risk: "risk",
  Spend: "spend",
  FundingCommitment: "commitment",
  Allocation: "allocation",
  Receipt: "receipt",
  Decision: "decision",
  ImportBatch: "import",
} as const;
export type ScopedTable = keyof typeof SCOPED_TABLES;

// The programme a record belongs to, and the organisation that owns it when it has no
// programme (a decision, or a 360Giving grant not yet tied to a programme).
const OWNER_SQL: Record<ScopedTable, string> = {
  Programme: `SELECT id AS "programmeId", NULL::uuid AS "organisationId" FROM "Programme" WHERE id = $1::uuid`,
  Workstream: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "Workstream" WHERE id = $1::uuid`,
  CostLine: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "CostLine" WHERE id = $1::uuid`,
  CostSharingAgreement: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "CostSharingAgreement" WHERE id = $1::uuid`,
  ProgrammePartner: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "ProgrammePartner" WHERE id = $1::uuid`,
  Milestone: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "Milestone" WHERE id = $1::uuid`,
  DeliverableTarget: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "DeliverableTarget" WHERE id = $1::uuid`,
  Benefit: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "Benefit" WHERE id = $1::uuid`,
  Risk: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "Risk" WHERE id = $1::uuid`,
  Spend: `SELECT "programmeId", NULL::uuid AS "organisationId" FROM "Spend" WHERE id = $1::uuid`,
  FundingCommitment: `SELECT "programmeId", "recipientId" AS "organisationId" FROM "FundingCommitment" WHERE id = $1::uuid`,
  Allocation: `SELECT line."programmeId", NULL::uuid AS "organisationId" FROM "Allocation" allocation
               JOIN "CostLine" line ON line.id = allocation."costLineId" WHERE allocation.id = $1::uuid`,
  Receipt: `SELECT commitment."programmeId", commitment."recipientId" AS "organisationId" FROM "Receipt" receipt
            JOIN "FundingCommitment" commitment ON commitment.id = receipt."commitmentId" WHERE receipt.id = $1::uuid`,
  Decision: `SELECT "programmeId", "organisationId" FROM "Decision" WHERE id = $1::uuid`,
  // An import belongs to the council whose ledger it is (its importer's).
  ImportBatch: `SELECT NULL::uuid AS "programmeId", COALESCE(batch."organisationId", creator."organisationId") AS "organisationId"
                FROM "ImportBatch" batch
                LEFT JOIN "User" creator ON creator.id = batch."createdById" WHERE batch.id = $1::uuid`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (!UUID.test(id)) return null;
  const [owner] = await prisma.$queryRawUnsafe<{ programmeId: string | null; organisationId: string | null }[]>(
    OWNER_SQL[table],
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
    if (typeof value !== "string" || !UUID.test(value)) continue;
    const owner = await ownerInScope(prisma, scope, check.table, value);
    const label = SCOPED_TABLES[check.table];
    if (!owner) {
      if (check.in === "body") throw new RuleBroken([{ path: check.field, message: `no such ${label}: ${value}` }]);
      throw new NotFound(label.charAt(0).toUpperCase() + label.slice(1), value);
    }
    if (access !== "read" && !(await ownerInScope(prisma, scope, check.table, value, true))) {
      throw new Forbidden(
        "Your council has withdrawn from this programme: it can still see the programme but no longer change it.",
      );
    }
    const must = check.must ?? (check.in === "params" && OWNED_RECORDS.has(check.table) ? "own" : undefined);
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

// When a record written would be outside its writer's scope, the reference that put it there.
const OWNING_FIELD: Partial<Record<ScopedTable, { path: string; message: string }>> = {
  Programme: { path: "leadOrganisationId", message: "must be your own organisation" },
  FundingCommitment: {
    path: "recipientId",
    message: "must be your own organisation, unless the commitment is for one of your programmes",
  },
  Decision: { path: "organisationId", message: "no such organisation among yours" },
};

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
  throw new RuleBroken([
    OWNING_FIELD[table] ?? {
      path: "programmeId",
      message: `no such programme among yours for this ${SCOPED_TABLES[table]}`,
    },
  ]);
}

/** For the audit trail and others that name a table at run time. */
export function isScopedTable(name: string): name is ScopedTable {
  return Object.hasOwn(SCOPED_TABLES, name);
}

/** Every programme: for code that runs after the route has already checked the record's scope. */
export const ALREADY_CHECKED: Scope = { organisationId: null };

const BENEFIT_READING_OWNER_SQL = `SELECT benefit."programmeId" FROM "BenefitReading" reading
  JOIN "Benefit" benefit ON benefit.id = reading."benefitId" WHERE reading.id = $1::uuid`;

/** The programme a record belongs to, if any: where its audit events appear in a programme's history. */
export async function programmeOf(
  tx: Pick<PrismaClient, "$queryRawUnsafe">,
  entityType: string,
  id: string,
): Promise<string | null> {
  const sql = isScopedTable(entityType)
    ? OWNER_SQL[entityType]
    : entityType === "BenefitReading"
      ? BENEFIT_READING_OWNER_SQL
      : null;
  if (!sql || !UUID.test(id)) return null;
  const [owner] = await tx.$queryRawUnsafe<{ programmeId: string | null }[]>(sql, id);
  return owner?.programmeId ?? null;
}
