// A council group's worth of programmes, generated inside PostgreSQL (generate_series), with
// ids derived from numbers (bench_uuid) so rows can refer to each other without lookups.
// Problems are planted at known rates so every reconciliation flag has work to do.
import type pg from "pg";

// BENCH_SCALE=0.1 builds a tenth of the portfolio, to try the bench quickly.
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

export const SIZE = {
  councils: 60,
  funders: 12,
  funds: 24,
  programmes: Math.round(5_000 * SCALE),
  linesPerProgramme: 10,
  spendPerLine: 20,
} as const;
export const LINES = SIZE.programmes * SIZE.linesPerProgramme; // one commitment and allocation each
export const SPEND_ROWS = LINES * SIZE.spendPerLine;

const uuid = (kind: string, n: string) => `bench_uuid('${kind}' || ${n})`;
// A commitment's amount in pence, from its number: £100,000 to £1,000,000.
const commitmentAmount = (n: string) => `((100000 + (${n}::bigint * 7919) % 900000) * 100)::bigint`;
const startOn = (programme: string) => `(date '2019-04-01' + ((${programme} * 7) % 2900))`;

export async function buildSyntheticPortfolio(client: pg.Client, log: (line: string) => void) {
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    const result = await client.query(sql);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  // md5 → a valid version-4 UUID (the API checks ids strictly); only in the bench's database.
  await client.query(`CREATE FUNCTION bench_uuid(seed text) RETURNS uuid LANGUAGE sql IMMUTABLE
    RETURN (overlay(overlay(md5(seed) PLACING '4' FROM 13) PLACING '8' FROM 17))::uuid`);
  await step(
    "councils and funders",
    `INSERT INTO "Organisation" (id, name, kinds)
     SELECT ${uuid("council", "n")}, 'Bench council ' || n, '{council}'::"OrganisationKind"[] FROM generate_series(0, ${SIZE.councils - 1}) n
     UNION ALL
     SELECT ${uuid("funder", "n")}, 'Bench funder ' || n, '{funder}'::"OrganisationKind"[] FROM generate_series(0, ${SIZE.funders - 1}) n`,
  );
  await step(
    "funds (one in 24 capital)",
    `INSERT INTO "Fund" (id, "funderId", name, "fundType")
     SELECT ${uuid("fund", "n")}, ${uuid("funder", `(n % ${SIZE.funders})`)}, 'Bench fund ' || n,
            (CASE WHEN n = 0 THEN 'capital' ELSE 'revenue' END)::"FundType"
     FROM generate_series(0, ${SIZE.funds - 1}) n`,
  );
  await step(
    "programmes (three years each, ending 2022–2030)",
    `INSERT INTO "Programme" (id, name, "leadOrganisationId", status, "startOn", "endOn")
     SELECT ${uuid("programme", "p")}, 'Bench programme ' || p, ${uuid("council", `(p % ${SIZE.councils})`)},
            'active', ${startOn("p")}, ${startOn("p")} + 1095
     FROM generate_series(0, ${SIZE.programmes - 1}) p`,
  );
  await step(
    "partners (lead and one neighbouring council)",
    `INSERT INTO "ProgrammePartner" ("programmeId", "organisationId", role)
     SELECT ${uuid("programme", "p")}, ${uuid("council", `(p % ${SIZE.councils})`)}, 'lead'::"PartnerRole"
     FROM generate_series(0, ${SIZE.programmes - 1}) p
     UNION ALL
     SELECT ${uuid("programme", "p")}, ${uuid("council", `((p + 1) % ${SIZE.councils})`)}, 'partner'::"PartnerRole"
     FROM generate_series(0, ${SIZE.programmes - 1}) p`,
  );
  await step(
    "cost lines",
    `INSERT INTO "CostLine" (id, "programmeId", name, "ledgerCode")
     SELECT ${uuid("line", "l")}, ${uuid("programme", `(l / ${SIZE.linesPerProgramme})`)},
            'Line ' || (l % ${SIZE.linesPerProgramme}), 'BENCH-' || l
     FROM generate_series(0, ${LINES - 1}) l`,
  );
  await step(
    "commitments (1 in 100 still applied for)",
    `INSERT INTO "FundingCommitment" (id, "fundId", "programmeId", "recipientId", title, "amountPence", status, "awardedOn")
     SELECT ${uuid("commitment", "c")}, ${uuid("fund", `(c % ${SIZE.funds})`)},
            ${uuid("programme", `(c / ${SIZE.linesPerProgramme})`)}, ${uuid("council", `((c / ${SIZE.linesPerProgramme}) % ${SIZE.councils})`)},
            'Bench commitment ' || c, ${commitmentAmount("c")},
            (CASE WHEN c % 100 = 99 THEN 'applied' ELSE 'awarded' END)::"CommitmentStatus",
            ${startOn(`(c / ${SIZE.linesPerProgramme})`)}
     FROM generate_series(0, ${LINES - 1}) c`,
  );
  await step(
    "year profiles (four years; 1 in 240 profiled for its first year only)",
    `INSERT INTO "CommitmentYearProfile" ("commitmentId", "financialYear", "amountPence")
     SELECT ${uuid("commitment", "c")}, fundline_financial_year(${startOn(`(c / ${SIZE.linesPerProgramme})`)}) + year,
            CASE WHEN c % 240 = 0 THEN (CASE WHEN year = 0 THEN ${commitmentAmount("c")} ELSE 0 END)
                 ELSE ${commitmentAmount("c")} / 4 + (CASE WHEN year = 0 THEN ${commitmentAmount("c")} % 4 ELSE 0 END) END
     FROM generate_series(0, ${LINES - 1}) c CROSS JOIN generate_series(0, 3) year
     WHERE c % 100 <> 99 AND (c % 240 <> 0 OR year = 0)`,
  );
  await step(
    "allocations (1 in 200 over-allocated by £1)",
    `INSERT INTO "Allocation" ("commitmentId", "costLineId", "amountPence")
     SELECT ${uuid("commitment", "c")}, ${uuid("line", "c")}, ${commitmentAmount("c")} + (CASE WHEN c % 200 = 3 THEN 100 ELSE 0 END)
     FROM generate_series(0, ${LINES - 1}) c WHERE c % 100 <> 99`,
  );
  await step(
    "total costs (1 in 20 programmes short by £50,000)",
    `UPDATE "Programme" programme SET "totalCostPence" = total."committedPence" + (CASE WHEN substring(programme.name from '[0-9]+$')::int % 20 = 0 THEN 5000000 ELSE 0 END)
     FROM "ProgrammeTotal" total WHERE total."programmeId" = programme.id`,
  );
  await step(
    "cost-sharing agreements (1 in 10 programmes, half each)",
    `WITH agreement AS (
       INSERT INTO "CostSharingAgreement" (id, "programmeId", "costLineId", name)
       SELECT ${uuid("agreement", "p")}, ${uuid("programme", "p")}, ${uuid("line", `(p * ${SIZE.linesPerProgramme} + 1)`)}, 'Half each'
       FROM generate_series(0, ${SIZE.programmes - 1}, 10) p RETURNING id, "programmeId"
     )
     INSERT INTO "CostShare" ("agreementId", "organisationId", parts)
     SELECT ${uuid("agreement", "p")}, ${uuid("council", `(p % ${SIZE.councils})`)}, 1 FROM generate_series(0, ${SIZE.programmes - 1}, 10) p
     UNION ALL
     SELECT ${uuid("agreement", "p")}, ${uuid("council", `((p + 1) % ${SIZE.councils})`)}, 1 FROM generate_series(0, ${SIZE.programmes - 1}, 10) p`,
  );
  // Spend in ten statements of 100,000 rows: each line gets 20 payments 50 days apart, about
  // 95% of its allocation (1 in 50 lines about 111%: overspent); 1 in 10 charged by name.
  const chunk = 100_000;
  for (let from = 0; from < SPEND_ROWS; from += chunk) {
    await step(
      `spend rows ${from.toLocaleString("en-GB")}–${(from + chunk - 1).toLocaleString("en-GB")}`,
      `INSERT INTO "Spend" ("programmeId", "costLineId", "commitmentId", "spentOn", "amountPence", "supplierName",
                            "payingOrganisationId", purpose, reference, source)
       SELECT ${uuid("programme", `(l / ${SIZE.linesPerProgramme})`)}, ${uuid("line", "l")},
              CASE WHEN s % 10 = 0 AND l % 100 <> 99 THEN ${uuid("commitment", "l")} END,
              ${startOn(`(l / ${SIZE.linesPerProgramme})`)} + (s / ${LINES}) * 50,
              ${commitmentAmount("l")} / (CASE WHEN l % 50 = 7 THEN 18 ELSE 21 END),
              'Bench supplier ' || (s % 500),
              ${uuid("council", `(((l / ${SIZE.linesPerProgramme}) + (s / ${LINES}) % 2) % ${SIZE.councils})`)},
              'Bench payment', 'INV-' || s, 'manual'::"SpendSource"
       FROM (SELECT s, s % ${LINES} AS l FROM generate_series(${from}, ${Math.min(from + chunk, SPEND_ROWS) - 1}) s) row`,
    );
  }
  await step(
    "milestones (eight a programme, every three months; one in five at risk, those due met by half)",
    `INSERT INTO "Milestone" ("programmeId", description, status, "baselineOn", "forecastOn", "actualOn")
     SELECT ${uuid("programme", "p")}, 'Bench milestone ' || m,
            (CASE WHEN m % 5 = 4 THEN 'at_risk' WHEN (p + m) % 2 = 0 AND ${startOn("p")} + m * 91 < current_date THEN 'met'
                  ELSE 'on_track' END)::"MilestoneStatus",
            ${startOn("p")} + m * 91,
            CASE WHEN m % 5 = 4 THEN ${startOn("p")} + m * 91 + 60 END,
            CASE WHEN (p + m) % 2 = 0 AND m % 5 <> 4 AND ${startOn("p")} + m * 91 < current_date THEN ${startOn("p")} + m * 91 END
     FROM generate_series(0, ${SIZE.programmes - 1}) p, generate_series(0, 7) m`,
  );
  await step(
    "deliverables (two a programme) and benefits (one a programme, with four readings)",
    `WITH deliverables AS (
       INSERT INTO "DeliverableTarget" ("programmeId", description, "targetCount", "achievedCount")
       SELECT ${uuid("programme", "p")}, 'Bench deliverable ' || d, 10 + d * 5, (p * 3 + d) % 15
       FROM generate_series(0, ${SIZE.programmes - 1}) p, generate_series(0, 1) d
       RETURNING 1
     ), benefits AS (
       INSERT INTO "Benefit" (id, "programmeId", name, measure, "benefitType", direction, unit, "baselineValue", "targetValue", "expectedBy")
       SELECT ${uuid("benefit", "p")}, ${uuid("programme", "p")}, 'Bench benefit ' || p, 'Children school-ready',
              'direct', 'increase', '%', 60, 70, ${startOn("p")} + 1095
       FROM generate_series(0, ${SIZE.programmes - 1}) p
       RETURNING 1
     )
     INSERT INTO "BenefitReading" ("benefitId", "readOn", value)
     SELECT ${uuid("benefit", "p")}, ${startOn("p")} + r * 180, 60 + r * 2.5
     FROM generate_series(0, ${SIZE.programmes - 1}) p, generate_series(0, 3) r`,
  );
  await step("VACUUM ANALYZE", "VACUUM ANALYZE");
}
