// A funder's published 360Giving file, as funding commitments from that funder. Published
// files are messy (UK dates with times, amounts as floats, missing optional fields): what is
// sound is imported, exactly in pence; every other grant is reported with its id and why.
import { noSuch } from "../../lib/references.ts";
import "../commitments/index.ts";
import { Prisma, type PrismaClient } from "@fundline/db";
import { penceFromBigInt, readDate, readMoney, textOutOfBounds } from "@fundline/domain";
import type { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { inTransaction, type WriteContext } from "../../lib/write-context.ts";

type Organisation = { id?: unknown; name?: unknown };
type SoundGrant = {
  /** Where the grant is in the package, for the skipped-grant report. */
  index: number;
  externalId: string;
  title: string;
  amountPence: number;
  awardedOn: string;
  recipient: { identifier: string | null; name: string };
};

/** A package's most grants (200,000) import in about 17 s here: room for a slower server. */
const IMPORT_TIMEOUT_MS = 120_000;

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/** One grant read from the file, or why it cannot be imported. */
export function readGrant(
  grant: Record<string, unknown>,
  funderIdentifier: string | null,
): { ok: true; grant: Omit<SoundGrant, "index"> } | { ok: false; reason: string } {
  const externalId = text(grant.id);
  if (!externalId) return { ok: false, reason: "it has no id" };
  const title = text(grant.title);
  if (!title) return { ok: false, reason: "it has no title" };
  const recipient = (Array.isArray(grant.recipientOrganization) ? grant.recipientOrganization[0] : undefined) as
    | Organisation
    | undefined;
  // One text rule for every field (control characters, valid Unicode, length); long titles
  // and names are cut to what Fundline keeps.
  for (const [field, value, limit] of [
    ["id", externalId, 200],
    ["title", title, Number.POSITIVE_INFINITY],
    ["recipientOrganization.name", text(recipient?.name), Number.POSITIVE_INFINITY],
    ["recipientOrganization.id", text(recipient?.id), 200],
  ] as const) {
    const problem = value === null ? null : textOutOfBounds(value, limit);
    if (problem) return { ok: false, reason: `its ${field} ${problem}` };
  }
  if (grant.currency !== undefined && grant.currency !== "GBP") {
    return { ok: false, reason: `its currency is ${String(grant.currency)}, not GBP` };
  }
  const rawAmount = grant.amountAwarded;
  if (typeof rawAmount !== "number" && typeof rawAmount !== "string") {
    return { ok: false, reason: "it has no amountAwarded" };
  }
  const amount = readMoney(rawAmount);
  if (!amount.ok) return { ok: false, reason: `amountAwarded ${amount.reason}` };
  if (amount.value < 0) return { ok: false, reason: "amountAwarded is negative" };
  if (typeof grant.awardDate !== "string") return { ok: false, reason: "it has no awardDate" };
  const awarded = readDate(grant.awardDate);
  if (!awarded.ok) return { ok: false, reason: `awardDate ${awarded.reason}` };
  const recipientName = text(recipient?.name);
  if (!recipientName) return { ok: false, reason: "it names no recipient organisation" };
  const funders = (Array.isArray(grant.fundingOrganization) ? grant.fundingOrganization : []) as Organisation[];
  if (funderIdentifier && funders.length && !funders.some((funder) => text(funder.id) === funderIdentifier)) {
    return {
      ok: false,
      reason: `it is funded by ${funders.map((funder) => text(funder.id) ?? "an unnamed funder").join(", ")}, not ${funderIdentifier}`,
    };
  }
  return {
    ok: true,
    grant: {
      externalId,
      title: title.slice(0, 300),
      amountPence: amount.value,
      awardedOn: awarded.value,
      recipient: { identifier: text(recipient?.id), name: recipientName.slice(0, 300) },
    },
  };
}

/**
 * Imports the grants of one package into one fund, in one transaction: recipients are matched
 * by identifier (then by name) or created, commitments are awarded and not yet tied to a
 * programme, and a grant already imported into the fund (same id) adds nothing.
 */
export async function importThreeSixtyGiving(
  prisma: PrismaClient,
  fundId: string,
  grants: Record<string, unknown>[],
  write: WriteContext,
  { preview = false }: { preview?: boolean } = {},
): Promise<ThreeSixtyGivingImportResult> {
  const fund = await prisma.fund.findUnique({ where: { id: fundId }, include: { funder: true } });
  if (!fund) throw new RuleBroken([noSuch("query.fundId", "fund", fundId)]);
  const skipped: ThreeSixtyGivingImportResult["skipped"] = [];
  const sound: SoundGrant[] = [];
  const seen = new Set<string>();
  grants.forEach((grant, index) => {
    const read = readGrant(grant, fund.funder.identifier);
    if (!read.ok) skipped.push({ id: text(grant.id), index, reason: read.reason });
    else if (seen.has(read.grant.externalId)) {
      skipped.push({ id: read.grant.externalId, index, reason: "the same id appears earlier in this package" });
    } else {
      seen.add(read.grant.externalId);
      sound.push({ ...read.grant, index });
    }
  });

  try {
    return await inTransaction(
      prisma,
      async (tx) => {
        const existing = new Set(
          (
            await tx.fundingCommitment.findMany({
              where: { fundId, externalId: { in: sound.map((grant) => grant.externalId) } },
              select: { externalId: true },
            })
          ).map((row) => row.externalId),
        );
        const fresh = sound.filter((grant) => !existing.has(grant.externalId));
        for (const grant of sound.filter((grant) => existing.has(grant.externalId))) {
          skipped.push({
            id: grant.externalId,
            index: grant.index,
            reason: "already imported",
          });
        }
        const ownOrganisationId = write.actor.scope?.organisationId ?? null;
        const recipients = await recipientIds(tx, fresh, write, ownOrganisationId);
        const importable = fresh.filter((grant) => {
          const refusal = recipients.refusal(grant.recipient);
          if (refusal) skipped.push({ id: grant.externalId, index: grant.index, reason: refusal });
          return !refusal;
        });
        // One statement each for the commitments and their audit events, however many grants:
        // arrays in, rows out (a 20,000-grant package in seconds, within the transaction's time).
        const [created] = await tx.$queryRaw<{ imported: number; importedPence: bigint }[]>`
      WITH grant_rows AS (
        SELECT * FROM unnest(${importable.map((grant) => grant.title)}::text[],
                             ${importable.map((grant) => String(grant.amountPence))}::bigint[],
                             ${importable.map((grant) => grant.awardedOn)}::date[],
                             ${importable.map((grant) => grant.externalId)}::text[],
                             ${importable.map((grant) => recipients.idOf(grant.recipient))}::uuid[])
          AS row(title, amount_pence, awarded_on, external_id, recipient_id)
      ), inserted AS (
        INSERT INTO "FundingCommitment" ("fundId", "programmeId", "recipientId", "ownerOrganisationId", title, "amountPence",
                                         status, "awardedOn", "externalId")
        SELECT ${fundId}::uuid, NULL, recipient_id, recipient_id, title, amount_pence, 'awarded', awarded_on, external_id
        FROM grant_rows
        ON CONFLICT DO NOTHING -- a simultaneous import of the same package
        RETURNING id, title, "amountPence", "externalId", "fundId", "recipientId", "awardedOn"
      ), audited AS (
        INSERT INTO "AuditEvent" ("actorId", "actorLabel", "entityType", "entityId", action, changes, reason, "requestId")
        SELECT ${write.actor.id}::uuid, ${write.actor.label}, 'FundingCommitment', inserted.id::text, 'import',
               ${asCreatedChanges(Prisma.sql`jsonb_build_object('title', title, 'amountPence', "amountPence",
                 'externalId', "externalId", 'fundId', "fundId", 'recipientId', "recipientId", 'awardedOn', "awardedOn")`)},
               '360Giving import', ${write.requestId}
        FROM inserted
      )
      SELECT count(*)::int AS imported, coalesce(sum("amountPence"), 0)::bigint AS "importedPence" FROM inserted`;
        const imported = created?.imported ?? 0;
        const result = {
          preview,
          grants: grants.length,
          imported,
          importedPence: penceFromBigInt(created?.importedPence ?? 0n),
          alreadyImported: existing.size + (importable.length - imported),
          recipientsMatched: recipients.matched,
          recipientsCreated: recipients.created,
          skipped: skipped.sort((a, b) => a.index - b.index),
        };
        // A preview runs every check and write the import would, then undoes them all.
        if (preview) throw new PreviewOnly(result);
        return result;
      },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  } catch (error) {
    if (error instanceof PreviewOnly) return error.result;
    throw error;
  }
}

/** Thrown inside a preview's transaction so that it rolls back, carrying what the import would do. */
class PreviewOnly extends Error {
  constructor(readonly result: ThreeSixtyGivingImportResult) {
    super("preview: rolled back");
  }
}

/**
 * SQL turning a new record's fields (a jsonb object) into the audit trail's changes, as the
 * domain's `fieldChanges(null, record)` does: each field that is not null, from null to its value.
 */
const asCreatedChanges = (fields: Prisma.Sql) => Prisma.sql`(
  SELECT coalesce(jsonb_object_agg(field.key, jsonb_build_object('before', NULL, 'after', field.value)), '{}'::jsonb)
  FROM jsonb_each(jsonb_strip_nulls(${fields})) AS field)`;

/**
 * Each recipient's organisation: by org-id identifier, else by name. An administrator's import
 * creates the ones Fundline lacks, in one statement, audited. Anyone else imports only grants
 * to their own council: organisations are administrators' reference data, and a grant to
 * another council would be written into records that are not theirs; each such grant is
 * refused with its reason.
 */
async function recipientIds(
  tx: Prisma.TransactionClient,
  grants: SoundGrant[],
  write: WriteContext,
  ownOrganisationId: string | null,
) {
  const identifiers = [...new Set(grants.flatMap((grant) => grant.recipient.identifier ?? []))];
  const names = [...new Set(grants.map((grant) => grant.recipient.name))];
  const known = await tx.organisation.findMany({
    where: { OR: [{ identifier: { in: identifiers } }, { name: { in: names, mode: "insensitive" } }] },
    select: { id: true, identifier: true, name: true },
  });
  const byIdentifier = new Map(known.flatMap((org) => (org.identifier ? [[org.identifier, org.id] as const] : [])));
  const byName = new Map(known.map((org) => [org.name.toLowerCase(), org.id] as const));
  const find = (recipient: SoundGrant["recipient"]) =>
    (recipient.identifier ? byIdentifier.get(recipient.identifier) : undefined) ??
    byName.get(recipient.name.toLowerCase());

  let created = 0;
  if (ownOrganisationId === null) {
    // One new organisation per recipient not yet known, however many grants name it (by its
    // identifier, else its name; names and identifiers are each unique).
    const names = new Set<string>();
    const identifiers = new Set<string>();
    const missing: SoundGrant["recipient"][] = [];
    for (const { recipient } of grants) {
      const name = recipient.name.toLowerCase();
      if (find(recipient) || names.has(name) || (recipient.identifier && identifiers.has(recipient.identifier))) {
        continue;
      }
      names.add(name);
      if (recipient.identifier) identifiers.add(recipient.identifier);
      missing.push(recipient);
    }
    const organisations = await tx.$queryRaw<{ id: string; name: string; identifier: string | null }[]>`
      WITH inserted AS (
        INSERT INTO "Organisation" (name, identifier, kinds)
        SELECT name, identifier, '{}' FROM unnest(${missing.map((recipient) => recipient.name)}::text[],
                                                   ${missing.map((recipient) => recipient.identifier)}::text[])
          AS recipient(name, identifier)
        RETURNING id, name, identifier
      ), audited AS (
        INSERT INTO "AuditEvent" ("actorId", "actorLabel", "entityType", "entityId", action, changes, reason, "requestId")
        SELECT ${write.actor.id}::uuid, ${write.actor.label}, 'Organisation', inserted.id::text, 'import',
               ${asCreatedChanges(Prisma.sql`jsonb_build_object('name', name, 'identifier', identifier)`)},
               '360Giving import: a grant''s recipient', ${write.requestId}
        FROM inserted
      )
      SELECT id::text, name, identifier FROM inserted`;
    created = organisations.length;
    for (const organisation of organisations) {
      byName.set(organisation.name.toLowerCase(), organisation.id);
      if (organisation.identifier) byIdentifier.set(organisation.identifier, organisation.id);
    }
  }
  const matched = new Set(grants.flatMap(({ recipient }) => find(recipient) ?? []));
  return {
    idOf: (recipient: SoundGrant["recipient"]) => find(recipient) ?? null,
    /** Why this importer may not import a grant to this recipient, or null. */
    refusal: (recipient: SoundGrant["recipient"]): string | null => {
      if (ownOrganisationId === null) return null;
      const id = find(recipient);
      if (!id) return `its recipient (${recipient.name}) is not in Fundline: only an administrator can add it`;
      return id === ownOrganisationId
        ? null
        : `its recipient (${recipient.name}) is not your council: an administrator can import it`;
    },
    matched: matched.size - created,
    created,
  };
}
