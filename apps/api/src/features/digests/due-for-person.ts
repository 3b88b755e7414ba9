import { Prisma, type PrismaClient } from "@fundline/db";
import { addDays, can, type Role } from "@fundline/domain";

/** How many of each kind a digest lists; the rest are counted. */
const LISTED = 15;
const MILESTONE_DAYS_AHEAD = 30;
/** Benefits are read quarterly: one with no reading for this long is due one. */
const READING_DAYS = 92;
/** An open risk not looked at for this long is due a review. */
const RISK_REVIEW_DAYS = 90;

export type DigestPerson = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
};

type Listed<Row> = { rows: Row[]; total: number };

export type WhatIsDue = {
  milestones: Listed<{ id: string; description: string; dueOn: string; programmeId: string; programme: string }>;
  readings: Listed<{ benefitId: string; name: string; programmeId: string; programme: string; why: string }>;
  risks: Listed<{ id: string; title: string; programmeId: string; programme: string; lastChangedOn: string }>;
  approvals: Listed<{ id: string; reason: string; requestedOn: string; requestedBy: string }>;
  imports: Listed<{ id: string; fileName: string; importedOn: string; unmatchedRows: number }>;
};

export const nothingIsDue = (due: WhatIsDue) => Object.values(due).every((kind) => kind.total === 0);

/**
 * What is a person's to see to this week, each kind counted and listed in SQL (a council's
 * programmes can be many). "Theirs": a programme manager's assigned programmes, anyone else's
 * council's programmes, live ones only. Milestones go to everyone; readings and risks to those
 * who keep delivery current; approvals and unmatched import rows to those who keep the money.
 */
export async function whatIsDueFor(prisma: PrismaClient, person: DigestPerson, today: string): Promise<WhatIsDue> {
  const theirs = Prisma.sql`
    SELECT programme.id, programme.name FROM "Programme" programme
    WHERE programme."retiredAt" IS NULL AND programme.status NOT IN ('closed', 'unsuccessful')
      AND ${
        person.role === "programme_manager"
          ? Prisma.sql`EXISTS (SELECT 1 FROM "ProgrammeAssignment" assignment
              WHERE assignment."programmeId" = programme.id AND assignment."userId" = ${person.id}::uuid)`
          : Prisma.sql`(programme."leadOrganisationId" = ${person.organisationId}::uuid OR EXISTS (
              SELECT 1 FROM "ProgrammePartner" partner
              WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${person.organisationId}::uuid))`
      }`;
  const keepsDelivery = can(person.role, "delivery.write");
  const keepsMoney = can(person.role, "money.write");
  const todayDate = Prisma.sql`${today}::date`;

  const [milestones, readings, risks, approvals, imports] = await Promise.all([
    listed<WhatIsDue["milestones"]["rows"][number]>(
      prisma,
      Prisma.sql`
        SELECT milestone.id, milestone.description, to_char(coalesce(milestone."forecastOn", milestone."baselineOn"), 'YYYY-MM-DD') AS "dueOn",
               theirs.id AS "programmeId", theirs.name AS programme
        FROM "Milestone" milestone JOIN (${theirs}) theirs ON theirs.id = milestone."programmeId"
        WHERE milestone."retiredAt" IS NULL AND milestone.status NOT IN ('met', 'cancelled')
          AND coalesce(milestone."forecastOn", milestone."baselineOn") <= ${addDays(today, MILESTONE_DAYS_AHEAD)}::date`,
      Prisma.sql`"dueOn", description`,
    ),
    keepsDelivery || person.role === "viewer"
      ? listed<WhatIsDue["readings"]["rows"][number]>(
          prisma,
          Prisma.sql`
            SELECT benefit.id AS "benefitId", benefit.name, programme.id AS "programmeId", programme.name AS programme,
                   CASE WHEN waiting.count > 0 THEN waiting.count || ' waiting for your approval'
                        ELSE 'no reading since ' || coalesce(to_char(latest.on, 'FMDD Mon YYYY'), 'it was added') END AS why
            FROM "Benefit" benefit
            JOIN "Programme" programme ON programme.id = benefit."programmeId"
            LEFT JOIN LATERAL (SELECT max(reading."readOn") AS on FROM "BenefitReading" reading
                               WHERE reading."benefitId" = benefit.id AND reading.status = 'approved') latest ON TRUE
            LEFT JOIN LATERAL (SELECT count(*) AS count FROM "BenefitReading" reading
                               WHERE reading."benefitId" = benefit.id AND reading.status = 'submitted'
                                 AND programme."readingsApproverId" = ${person.id}::uuid) waiting ON TRUE
            WHERE benefit."retiredAt" IS NULL AND programme."retiredAt" IS NULL
              AND (waiting.count > 0
                   OR (${keepsDelivery} AND programme.id IN (SELECT id FROM (${theirs}) theirs)
                       AND coalesce(latest.on, benefit."createdAt"::date) < ${todayDate} - ${READING_DAYS}::int))`,
          Prisma.sql`programme, name`,
        )
      : none(),
    keepsDelivery
      ? listed<WhatIsDue["risks"]["rows"][number]>(
          prisma,
          Prisma.sql`
            SELECT risk.id, risk.title, theirs.id AS "programmeId", theirs.name AS programme,
                   to_char(risk."updatedAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "lastChangedOn"
            FROM "Risk" risk JOIN (${theirs}) theirs ON theirs.id = risk."programmeId"
            WHERE risk."retiredAt" IS NULL AND risk.status <> 'closed'
              AND risk."updatedAt" < (${todayDate} - ${RISK_REVIEW_DAYS}::int)::timestamp AT TIME ZONE 'Europe/London'`,
          Prisma.sql`"lastChangedOn", title`,
        )
      : none(),
    keepsMoney
      ? listed<WhatIsDue["approvals"]["rows"][number]>(
          prisma,
          Prisma.sql`
            SELECT request.id, request.reason, to_char(request."requestedAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "requestedOn",
                   requester."displayName" AS "requestedBy"
            FROM "ChangeRequest" request JOIN "User" requester ON requester.id = request."requestedById"
            WHERE request.status = 'pending' AND request."organisationId" = ${person.organisationId}::uuid
              AND request."requestedById" <> ${person.id}::uuid`,
          Prisma.sql`"requestedOn", id`,
        )
      : none(),
    keepsMoney
      ? listed<WhatIsDue["imports"]["rows"][number]>(
          prisma,
          Prisma.sql`
            SELECT batch.id, batch."fileName", to_char(batch."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "importedOn",
                   unmatched.count::int AS "unmatchedRows"
            FROM "ImportBatch" batch
            JOIN LATERAL (SELECT count(*) AS count FROM "ImportSetAsideRow" row
                          WHERE row."batchId" = batch.id AND row.kind = 'unmatched' AND row."importedAt" IS NULL) unmatched ON TRUE
            WHERE batch.status = 'committed' AND batch."organisationId" = ${person.organisationId}::uuid AND unmatched.count > 0`,
          Prisma.sql`"importedOn" DESC, id`,
        )
      : none(),
  ]);
  return { milestones, readings, risks, approvals, imports };
}

const none = async (): Promise<Listed<never>> => ({ rows: [], total: 0 });

/** The first rows of a query, in order, and how many it has in all, in one statement. */
async function listed<Row>(prisma: PrismaClient, query: Prisma.Sql, orderBy: Prisma.Sql): Promise<Listed<Row>> {
  const rows = await prisma.$queryRaw<(Row & { total: bigint })[]>`
    SELECT *, count(*) OVER () AS total FROM (${query}) due ORDER BY ${orderBy} LIMIT ${LISTED}`;
  return {
    rows: rows.map(({ total: _total, ...row }) => row as Row),
    total: Number(rows[0]?.total ?? 0),
  };
}
