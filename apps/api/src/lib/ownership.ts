import type { Prisma, PrismaClient } from "@fundline/db";
import { Forbidden } from "../errors.ts";

/**
 * On a shared programme every council sees every record, but a money record is the record of
 * the council whose books it is in: only that council (and administrators) changes it. "own":
 * the writer's council owns the record. "own or granted": it owns it, or the programme's lead has
 * granted it the right to add cost lines and workstreams (and so to use any of the lines).
 */
export type Ownership = "own" | "own or granted";

/** The tables scope.ts names (kept as names here: scope.ts calls this module). */
type OwnedTable =
  | "Spend"
  | "FundingCommitment"
  | "Receipt"
  | "Allocation"
  | "CostLine"
  | "CostSharingAgreement"
  | "ImportBatch"
  | "Programme"
  | "Workstream"
  | "ProgrammePartner";

// The owning council of a record (NULL owner: the programme's lead, as the migration that placed
// existing records left it), and the programme whose grants apply.
const OWNER_OF: Partial<Record<string, string>> = {
  Spend: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "Spend" record JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  FundingCommitment: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId", record."recipientId") AS owner,
          programme.id AS programme FROM "FundingCommitment" record
          LEFT JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  Receipt: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId", commitment."recipientId") AS owner,
          programme.id AS programme FROM "Receipt" record
          JOIN "FundingCommitment" commitment ON commitment.id = record."commitmentId"
          LEFT JOIN "Programme" programme ON programme.id = commitment."programmeId" WHERE record.id = $1::uuid`,
  Allocation: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "Allocation" record JOIN "CostLine" line ON line.id = record."costLineId"
          JOIN "Programme" programme ON programme.id = line."programmeId" WHERE record.id = $1::uuid`,
  CostLine: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "CostLine" record JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  CostSharingAgreement: `SELECT COALESCE(record."ownerOrganisationId", programme."leadOrganisationId") AS owner, programme.id AS programme
          FROM "CostSharingAgreement" record JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  ImportBatch: `SELECT COALESCE(batch."organisationId", creator."organisationId") AS owner, NULL::uuid AS programme
          FROM "ImportBatch" batch LEFT JOIN "User" creator ON creator.id = batch."createdById" WHERE batch.id = $1::uuid`,
  // A programme's structure and partners are its lead's.
  Programme: `SELECT "leadOrganisationId" AS owner, id AS programme FROM "Programme" WHERE id = $1::uuid`,
  Workstream: `SELECT programme."leadOrganisationId" AS owner, programme.id AS programme FROM "Workstream" record
          JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
  ProgrammePartner: `SELECT programme."leadOrganisationId" AS owner, programme.id AS programme FROM "ProgrammePartner" record
          JOIN "Programme" programme ON programme.id = record."programmeId" WHERE record.id = $1::uuid`,
};

/** Tables whose records a council owns: a write naming one in its URL must be by its owner. */
export const OWNED_RECORDS: ReadonlySet<string> = new Set<OwnedTable>([
  "Spend",
  "FundingCommitment",
  "Receipt",
  "Allocation",
  "CostLine",
  "CostSharingAgreement",
  "ImportBatch",
]);

const NOUN: Partial<Record<string, string>> = {
  Spend: "payment",
  FundingCommitment: "commitment",
  Receipt: "receipt",
  Allocation: "allocation",
  CostLine: "cost line",
  CostSharingAgreement: "cost-sharing agreement",
  ImportBatch: "import",
};

type Owner = { owner: string | null; ownerName: string | null; leadName: string | null; granted: boolean };

/** Refuses (403, naming the owner) a write by a council that does not own the record. */
export async function assertOwnedBy(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
  council: string,
  table: string,
  id: string,
  ownership: Ownership,
): Promise<void> {
  const sql = OWNER_OF[table];
  if (!sql) throw new Error(`${table} has no owner`);
  const [found] = await prisma.$queryRawUnsafe<Owner[]>(
    `SELECT owned.owner, owner.name AS "ownerName", lead.name AS "leadName",
            EXISTS (SELECT 1 FROM "ProgrammePartner" partner
                    WHERE partner."programmeId" = owned.programme AND partner."organisationId" = $2::uuid
                      AND partner."mayAddCostLines"
                      AND (partner."withdrewOn" IS NULL OR partner."withdrewOn" > current_date)) AS granted
     FROM (${sql}) owned
     LEFT JOIN "Organisation" owner ON owner.id = owned.owner
     LEFT JOIN "Programme" programme ON programme.id = owned.programme
     LEFT JOIN "Organisation" lead ON lead.id = programme."leadOrganisationId"`,
    id,
    council,
  );
  // A record that is gone was already answered as missing by the scope check.
  if (!found || found.owner === council || (ownership === "own or granted" && found.granted)) return;
  const owner = found.ownerName ?? "another council";
  const lead = found.leadName ?? owner;
  throw new Forbidden(refusal(table, ownership, owner, lead));
}

function refusal(table: string, ownership: Ownership, owner: string, lead: string): string {
  if (table === "Programme" || table === "Workstream") {
    return `Only ${lead}, which leads this programme, can add cost lines and workstreams to it, unless it grants your council that right.`;
  }
  if (table === "ProgrammePartner") {
    return `Only ${lead}, which leads this programme, decides what its partners may do.`;
  }
  if (table === "CostLine" && ownership === "own or granted") {
    return `This cost line is ${owner}'s: your council can record spend only against its own cost lines, unless ${lead}, which leads the programme, grants it the right.`;
  }
  return `This ${NOUN[table] ?? "record"} is ${owner}'s: only ${owner} can change it. Your council can read it.`;
}

/**
 * The council a new record is owned by: the writer's, when it takes part in the programme; an
 * administrator from elsewhere records on the lead's behalf.
 */
export async function owningCouncil(
  tx: Prisma.TransactionClient,
  writerCouncil: string | undefined,
  programmeId: string | null,
): Promise<string | null> {
  if (!programmeId) return writerCouncil ?? null;
  const [row] = await tx.$queryRaw<{ owner: string }[]>`
    SELECT CASE WHEN programme."leadOrganisationId" = ${writerCouncil ?? null}::uuid OR EXISTS (
             SELECT 1 FROM "ProgrammePartner" partner
             WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${writerCouncil ?? null}::uuid)
           THEN ${writerCouncil ?? null}::uuid ELSE programme."leadOrganisationId" END AS owner
    FROM "Programme" programme WHERE programme.id = ${programmeId}::uuid`;
  return row?.owner ?? writerCouncil ?? null;
}
