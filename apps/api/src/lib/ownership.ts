import type { Prisma, PrismaClient } from "@fundline/db";
import { Forbidden } from "../errors.ts";
import { declaredRecord, type Ownership } from "./records.ts";

export type { Ownership } from "./records.ts";

type Owner = { owner: string | null; ownerName: string | null; leadName: string | null; granted: boolean };

/** Refuses (403, naming the owner) a write by a council that does not own the record. */
export async function assertOwnedBy(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
  council: string,
  table: string,
  id: string,
  ownership: Ownership,
): Promise<void> {
  const kind = declaredRecord(table);
  const sql = kind.ownedBy;
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
  throw new Forbidden(
    kind.refusal?.({ owner, lead }, ownership) ??
      `This ${kind.name} is ${owner}'s: only ${owner} can change it. Your council can read it.`,
  );
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
