// A funder's published 360Giving file, as funding commitments from that funder. Published
// files are messy (UK dates with times, amounts as floats, missing optional fields): what is
// sound is imported, exactly in pence; every other grant is reported with its id and why.
import type { Prisma, PrismaClient } from "@fundline/db";
import { fieldChanges, readDate, readMoney, textOutOfBounds } from "@fundline/domain";
import type { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { inTransaction, type WriteContext } from "../../plugins/write-context.ts";

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
): Promise<ThreeSixtyGivingImportResult> {
  const fund = await prisma.fund.findUnique({ where: { id: fundId }, include: { funder: true } });
  if (!fund) throw new RuleBroken([{ path: "query.fundId", message: "no such fund" }]);
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

  return inTransaction(prisma, async (tx) => {
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
    const recipients = await recipientIds(tx, fresh, write);
    const created = await tx.fundingCommitment.createManyAndReturn({
      data: fresh.map((grant) => ({
        fundId,
        programmeId: null,
        recipientId: recipients.idOf(grant.recipient),
        title: grant.title,
        amountPence: BigInt(grant.amountPence),
        status: "awarded" as const,
        awardedOn: new Date(`${grant.awardedOn}T00:00:00Z`),
        externalId: grant.externalId,
      })),
      skipDuplicates: true, // a simultaneous import of the same package
    });
    await tx.auditEvent.createMany({
      data: created.map((commitment) => ({
        actorId: write.actor.id,
        actorLabel: write.actor.label,
        entityType: "FundingCommitment",
        entityId: commitment.id,
        action: "import" as const,
        changes: fieldChanges(null, {
          title: commitment.title,
          amountPence: Number(commitment.amountPence),
          externalId: commitment.externalId,
          fundId,
          recipientId: commitment.recipientId,
          awardedOn: grant360Date(commitment.awardedOn),
        }) as Prisma.InputJsonValue,
        reason: "360Giving import",
        requestId: write.requestId,
      })),
    });
    return {
      grants: grants.length,
      imported: created.length,
      importedPence: created.reduce((sum, commitment) => sum + Number(commitment.amountPence), 0),
      alreadyImported: existing.size + (fresh.length - created.length),
      recipientsMatched: recipients.matched,
      recipientsCreated: recipients.created,
      skipped: skipped.sort((a, b) => a.index - b.index),
    };
  });
}

const grant360Date = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

/** Each recipient's organisation: by org-id identifier, else by name, else created (audited). */
async function recipientIds(tx: Prisma.TransactionClient, grants: SoundGrant[], write: WriteContext) {
  const identifiers = [...new Set(grants.flatMap((grant) => grant.recipient.identifier ?? []))];
  const names = [...new Set(grants.map((grant) => grant.recipient.name))];
  const known = await tx.organisation.findMany({
    where: { OR: [{ identifier: { in: identifiers } }, { name: { in: names, mode: "insensitive" } }] },
    select: { id: true, identifier: true, name: true },
  });
  const byIdentifier = new Map(known.flatMap((org) => (org.identifier ? [[org.identifier, org.id] as const] : [])));
  const byName = new Map(known.map((org) => [org.name.toLowerCase(), org.id] as const));
  const matched = new Set<string>();
  let created = 0;
  const find = (recipient: SoundGrant["recipient"]) =>
    (recipient.identifier ? byIdentifier.get(recipient.identifier) : undefined) ??
    byName.get(recipient.name.toLowerCase());
  for (const grant of grants) {
    const found = find(grant.recipient);
    if (found) {
      matched.add(found);
      continue;
    }
    const organisation = await tx.organisation.create({
      data: { name: grant.recipient.name, identifier: grant.recipient.identifier, kinds: [] },
    });
    await tx.auditEvent.create({
      data: {
        actorId: write.actor.id,
        actorLabel: write.actor.label,
        entityType: "Organisation",
        entityId: organisation.id,
        action: "import",
        changes: fieldChanges(null, {
          name: organisation.name,
          identifier: organisation.identifier,
        }) as Prisma.InputJsonValue,
        reason: "360Giving import: a grant's recipient",
        requestId: write.requestId,
      },
    });
    created++;
    byName.set(organisation.name.toLowerCase(), organisation.id);
    if (organisation.identifier) byIdentifier.set(organisation.identifier, organisation.id);
  }
  return {
    idOf: (recipient: SoundGrant["recipient"]) => find(recipient) ?? null,
    matched: matched.size,
    created,
  };
}
