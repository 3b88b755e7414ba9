import { Prisma } from "@fundline/db";
import { closedPeriodSentence, formatDate, formatPence, MAX_SAFE_PENCE, penceFromBigInt } from "@fundline/domain";
import type { ImportProblem, SpendColumnMapping, SpendImportResult } from "@fundline/schemas";
import type { PoolClient } from "pg";
import { RuleBroken } from "../../errors.ts";
import { type Scope, visibleProgrammesSql } from "../../lib/scope.ts";
import { run } from "./ledger-staging.ts";

/** Problems listed in full; `skipped` still counts them all. */
const PROBLEMS_SHOWN = 1_000;
const UNMATCHED_CODES_SHOWN = 100;

const COUNTED = [
  "rows",
  "rowsTotalPence",
  "unreadableAmounts",
  "importable",
  "importablePence",
  "skipped",
  "duplicates",
  "alreadyImported",
  "setAside",
  "setAsidePence",
  "unmatched",
  "unmatchedPence",
] as const;

/**
 * A figure the file comes to, in pence: each amount is bounded, but a file of very many large
 * ones can add up past what is held exactly. Refused as the file's (422), not failed on (500).
 */
function filePence(sum: string): number {
  const value = BigInt(sum);
  if (value > BigInt(MAX_SAFE_PENCE) || value < -BigInt(MAX_SAFE_PENCE)) {
    throw new RuleBroken([
      {
        path: "file",
        message: `its amounts add up to more than ${formatPence(MAX_SAFE_PENCE)}, more than Fundline holds exactly: split it`,
      },
    ]);
  }
  return Number(value);
}

/**
 * `checked`: each staged row with its cost line, the council that will own it, and, if it cannot
 * be imported, what kind of problem and why. On a shared programme a council imports only to the
 * lines it owns, or to any line of a programme whose lead granted it the right; its rows are its
 * own (an administrator from a council taking no part imports on the lead's behalf).
 */
export function checkStagedRows(scope: Scope, importerCouncil: string | null, sourceName: string): Prisma.Sql {
  const council = Prisma.sql`${importerCouncil}::uuid`;
  const mayImportTo =
    scope.organisationId === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`(COALESCE(line."ownerOrganisationId", programme."leadOrganisationId") = ${council} OR EXISTS (
          SELECT 1 FROM "ProgrammePartner" partner
          WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${council}
            AND partner."mayAddCostLines" AND (partner."withdrewOn" IS NULL OR partner."withdrewOn" > current_date)))`;
  return Prisma.sql`
    CREATE TEMP TABLE checked ON COMMIT DROP AS
    WITH closes AS MATERIALIZED (
      SELECT id, "organisationId", "startsOn", "endsOn" FROM "PeriodClose" WHERE "reopenedAt" IS NULL
    ), code AS (SELECT DISTINCT lower(line_code) AS code FROM staged_spend WHERE line_code IS NOT NULL),
    -- A code the council matched to a cost line for this ledger goes to that line; any other, to
    -- the lines that carry it.
    matched AS (
      SELECT match.code, match."costLineId" FROM "LedgerCodeMatch" match
      WHERE match."organisationId" = ${council} AND match."sourceName" = ${sourceName}
        AND match.code IN (SELECT code FROM code)
    ), coded AS (
      SELECT matched.code, matched."costLineId" AS id FROM matched
      UNION ALL
      SELECT lower(line."ledgerCode"), line.id FROM "CostLine" line
      WHERE lower(line."ledgerCode") IN (SELECT code FROM code EXCEPT SELECT code FROM matched)
    ), line AS (
      SELECT coded.code, count(*)::int AS lines,
             min(line.id::text)::uuid AS id, min(line."programmeId"::text)::uuid AS programme_id,
             bool_and(${mayImportTo}) AS may_import, min(owner.name) AS owner_name,
             min(CASE WHEN programme."leadOrganisationId" = ${council} OR EXISTS (
                        SELECT 1 FROM "ProgrammePartner" partner
                        WHERE partner."programmeId" = programme.id AND partner."organisationId" = ${council})
                      THEN ${council} ELSE programme."leadOrganisationId" END::text)::uuid AS row_owner
      FROM coded JOIN "CostLine" line ON line.id = coded.id
      JOIN "Programme" programme ON programme.id = line."programmeId"
      JOIN "Organisation" owner ON owner.id = COALESCE(line."ownerOrganisationId", programme."leadOrganisationId")
      WHERE line."retiredAt" IS NULL AND programme."retiredAt" IS NULL AND ${visibleProgrammesSql(scope)}
      GROUP BY 1
    ), numbered AS (
      -- Rows alike in everything, with no transaction number to tell them apart, are separate
      -- payments (the ledger lists each): the second and later are told apart by their place
      -- among them, so the file imports whole and importing it again still adds nothing.
      SELECT staged.line, staged.spent_on, staged.amount_pence, staged.vat_pence, staged.line_code, staged.supplier,
             staged.reference, staged.department, staged.purpose, staged.merchant_category, staged.paid_to_individual,
             staged.problem, occurrence,
             CASE WHEN NOT staged.identified AND occurrence > 1 THEN staged.row_key || '#' || occurrence
                  ELSE staged.row_key END AS row_key,
             staged.identified AND occurrence > 1 AS repeated
      FROM (SELECT *, row_number() OVER (PARTITION BY row_key ORDER BY line) AS occurrence FROM staged_spend) staged
    )
    SELECT numbered.*, line.id AS cost_line_id, line.programme_id, line.row_owner,
           numbered.problem IS NULL AND line.code IS NULL AND waiting.id IS NULL AS unmatched,
           -- A duplicate because Fundline holds it already (not one the file repeats, or one waiting).
           numbered.problem IS NULL AND waiting.id IS NULL AND line.lines = 1 AND line.may_import
             AND closed.id IS NULL AND NOT numbered.repeated AND live.id IS NOT NULL AS already_imported,
           closed.id AS closed_period,
           CASE WHEN numbered.problem IS NOT NULL THEN 'field'
                WHEN waiting.id IS NOT NULL THEN 'duplicate'
                WHEN line.code IS NULL OR line.lines > 1 OR NOT line.may_import THEN 'costLine'
                WHEN closed.id IS NOT NULL THEN 'closedPeriod'
                WHEN numbered.repeated OR live.id IS NOT NULL THEN 'duplicate' END AS kind,
           CASE WHEN numbered.problem IS NOT NULL THEN numbered.problem
                WHEN line.code IS NULL AND waiting.id IS NOT NULL THEN
                  'already waiting for its code to be matched to a cost line (set aside by an earlier import)'
                WHEN line.code IS NULL THEN format('no cost line you can import to has the ledger code "%s"', numbered.line_code)
                WHEN line.lines > 1 THEN format('the ledger code "%s" belongs to %s cost lines', numbered.line_code, line.lines)
                WHEN NOT line.may_import THEN format(
                  'the cost line with the ledger code "%s" is %s''s: your council imports only to its own cost lines, unless the programme''s lead grants it the right',
                  numbered.line_code, line.owner_name)
                -- Worded once per period, after (wordClosedPeriods).
                WHEN closed.id IS NOT NULL THEN 'in a closed period'
                WHEN numbered.repeated THEN 'the same transaction number appears earlier in this file'
                WHEN live.id IS NOT NULL THEN 'already imported' END AS reason
    FROM numbered
    LEFT JOIN line ON line.code = lower(numbered.line_code)
    -- A month or year the council whose books the payment goes into has closed.
    LEFT JOIN closes closed ON closed."organisationId" = line.row_owner
      AND numbered.spent_on BETWEEN closed."startsOn" AND closed."endsOn"
    LEFT JOIN LATERAL (
      SELECT spend.id FROM "Spend" spend WHERE spend."ledgerRowKey" = numbered.row_key AND spend."retiredAt" IS NULL LIMIT 1
    ) live ON true
    -- An unmatched row an earlier import of this council set aside, still waiting: not twice.
    LEFT JOIN LATERAL (
      SELECT waiting.id FROM "ImportSetAsideRow" waiting
      JOIN "ImportBatch" batch ON batch.id = waiting."batchId" AND batch.status = 'committed'
      WHERE line.code IS NULL AND waiting."organisationId" = ${council} AND waiting."rowKey" = numbered.row_key
        AND waiting.kind = 'unmatched' AND waiting."importedAt" IS NULL
      LIMIT 1
    ) waiting ON true`;
}

export type Accounts = Awaited<ReturnType<typeof accountFor>>;

/**
 * Checks the staged rows (`checkStagedRows`), then words why each row dated in a closed period
 * is set aside, once per period, with the sentence every refused write into it gets.
 */
export async function checkRows(
  client: PoolClient,
  scope: Scope,
  importerCouncil: string | null,
  sourceName: string,
): Promise<void> {
  await run(client, checkStagedRows(scope, importerCouncil, sourceName));
  const closes = await run<{ id: string; period: string; closedBy: string | null; closedOn: string }>(
    client,
    Prisma.sql`
      SELECT close.id, close.label AS period, closer."displayName" AS "closedBy",
             to_char(close."closedAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "closedOn"
      FROM "PeriodClose" close LEFT JOIN "User" closer ON closer.id = close."closedById"
      WHERE close.id IN (SELECT DISTINCT closed_period FROM checked WHERE kind = 'closedPeriod')`,
  );
  for (const close of closes) {
    await run(
      client,
      Prisma.sql`UPDATE checked SET reason = ${closedPeriodSentence(close, null)}
                 WHERE kind = 'closedPeriod' AND closed_period = ${close.id}::uuid`,
    );
  }
}

/** Where the checked rows go, counted and summed: imported, set aside, unmatched; the problems listed. */
export async function accountFor(client: PoolClient) {
  const [counts] = await run<Record<(typeof COUNTED)[number], string>>(
    client,
    Prisma.sql`
      SELECT count(*) AS rows, coalesce(sum(amount_pence), 0) AS "rowsTotalPence",
             count(*) FILTER (WHERE amount_pence IS NULL) AS "unreadableAmounts",
             count(*) FILTER (WHERE kind IS NULL) AS importable,
             coalesce(sum(amount_pence) FILTER (WHERE kind IS NULL), 0) AS "importablePence",
             count(*) FILTER (WHERE kind IS NOT NULL) AS skipped,
             count(*) FILTER (WHERE kind = 'duplicate') AS duplicates,
             count(*) FILTER (WHERE already_imported) AS "alreadyImported",
             count(*) FILTER (WHERE kind IS NOT NULL AND NOT unmatched) AS "setAside",
             coalesce(sum(amount_pence) FILTER (WHERE kind IS NOT NULL AND NOT unmatched), 0) AS "setAsidePence",
             count(*) FILTER (WHERE unmatched) AS unmatched,
             coalesce(sum(amount_pence) FILTER (WHERE unmatched), 0) AS "unmatchedPence"
      FROM checked`,
  );
  const figure = (name: (typeof COUNTED)[number]) => filePence(counts?.[name] ?? "0");
  const unmatchedCodes = await run<{ code: string; rows: number; totalPence: string }>(
    client,
    Prisma.sql`
      SELECT min(line_code) AS code, count(*)::int AS rows, sum(amount_pence) AS "totalPence"
      FROM checked WHERE unmatched
      GROUP BY lower(line_code)
      ORDER BY abs(sum(amount_pence)) DESC, min(line_code)
      LIMIT ${UNMATCHED_CODES_SHOWN}`,
  );
  const problems = await run<{ line: number; kind: ImportProblem["kind"]; reason: string }>(
    client,
    Prisma.sql`SELECT line, CASE WHEN unmatched THEN 'unmatched' ELSE kind END AS kind, reason
               FROM checked WHERE kind IS NOT NULL ORDER BY line LIMIT ${PROBLEMS_SHOWN}`,
  );
  return {
    rows: figure("rows"),
    rowsTotalPence: figure("rowsTotalPence"),
    importable: figure("importable"),
    importablePence: figure("importablePence"),
    skipped: figure("skipped"),
    duplicates: figure("duplicates"),
    alreadyImported: figure("alreadyImported"),
    setAside: figure("setAside"),
    setAsidePence: figure("setAsidePence"),
    unmatched: figure("unmatched"),
    unmatchedPence: figure("unmatchedPence"),
    unmatchedCodes: unmatchedCodes.map((code) => ({ ...code, totalPence: filePence(code.totalPence) })),
    unreadableAmounts: figure("unreadableAmounts"),
    problems,
  };
}

/** What the checked rows come to: where each goes, the findings the imported ones raise, a sample. */
export async function summarise(
  client: PoolClient,
  empty: Omit<SpendImportResult, "mapping" | keyof typeof NOTHING_READ | "elapsedMs">,
  mapping: SpendColumnMapping,
): Promise<SpendImportResult> {
  const accounts = await accountFor(client);
  // Rows that go in but will raise a finding: the import says so before anything is written.
  // Found once (which rows, of what kind), counted, and worded for the first shown only.
  const warned = await run<{
    warningCount: string;
    line: number | null;
    kind: "outsideProgrammeDates" | "moreThanLineHasLeft" | null;
    spentOn: string | null;
    amountPence: string | null;
    leftPence: string | null;
    programme: string | null;
    startOn: string | null;
    endOn: string | null;
    costLine: string | null;
  }>(
    client,
    Prisma.sql`
      WITH warned AS (
        SELECT checked.line, 'outsideProgrammeDates' AS kind, checked.programme_id, checked.cost_line_id,
               checked.spent_on, checked.amount_pence, NULL::bigint AS left_pence
        FROM checked JOIN "Programme" programme ON programme.id = checked.programme_id
        WHERE checked.kind IS NULL
          AND fundline_spent_outside_programme_dates(checked.spent_on, programme."startOn", programme."endOn")
        UNION ALL
        SELECT checked.line, 'moreThanLineHasLeft', checked.programme_id, checked.cost_line_id, checked.spent_on,
               checked.amount_pence,
               greatest(coalesce(total."allocatedPence", 0) - coalesce(total."spentPence", 0), 0)
        FROM checked LEFT JOIN "CostLineTotal" total ON total."costLineId" = checked.cost_line_id
        WHERE checked.kind IS NULL AND checked.amount_pence > 0
          AND checked.amount_pence > coalesce(total."allocatedPence", 0) - coalesce(total."spentPence", 0)
      ), shown AS (
        SELECT * FROM warned ORDER BY line, kind LIMIT ${PROBLEMS_SHOWN}
      )
      SELECT (SELECT count(DISTINCT line) FROM warned) AS "warningCount", shown.line, shown.kind,
             to_char(shown.spent_on, 'YYYY-MM-DD') AS "spentOn", shown.amount_pence::text AS "amountPence",
             shown.left_pence::text AS "leftPence", programme.name AS programme,
             to_char(programme."startOn", 'YYYY-MM-DD') AS "startOn", to_char(programme."endOn", 'YYYY-MM-DD') AS "endOn",
             line.name AS "costLine"
      -- One row even when nothing is shown, so the count always comes back.
      FROM (SELECT 1) one
      LEFT JOIN shown ON true
      LEFT JOIN "Programme" programme ON programme.id = shown.programme_id
      LEFT JOIN "CostLine" line ON line.id = shown.cost_line_id
      ORDER BY shown.line, shown.kind`,
  );
  // Worded here, with the formatters every other figure is shown with.
  const warnings = warned.flatMap((row) => {
    if (row.line === null || row.kind === null || row.spentOn === null) return [];
    const reason =
      row.kind === "outsideProgrammeDates"
        ? `dated ${formatDate(row.spentOn)}, outside the dates of ${row.programme} (${row.startOn ? formatDate(row.startOn) : "no start"} to ${row.endOn ? formatDate(row.endOn) : "no end"})`
        : `${formatPence(penceFromBigInt(BigInt(row.amountPence ?? 0)))} is more than the ${formatPence(penceFromBigInt(BigInt(row.leftPence ?? 0)))} left on ${row.costLine}`;
    return [{ line: row.line, kind: row.kind, reason }];
  });
  const sample = await run<{
    line: number;
    spentOn: string;
    amountPence: string;
    supplierName: string;
    costLine: string;
    programme: string;
  }>(
    client,
    Prisma.sql`
      SELECT first.line, to_char(first.spent_on, 'YYYY-MM-DD') AS "spentOn", first.amount_pence AS "amountPence",
             first.supplier AS "supplierName", line.name AS "costLine", programme.name AS programme
      FROM (SELECT * FROM checked WHERE kind IS NULL ORDER BY line LIMIT 10) first
      JOIN "CostLine" line ON line.id = first.cost_line_id
      JOIN "Programme" programme ON programme.id = first.programme_id
      ORDER BY first.line`,
  );
  return {
    ...empty,
    mapping,
    ...accounts,
    warnings,
    warningCount: Number(warned[0]?.warningCount ?? 0),
    sample: sample.map((row) => ({ ...row, amountPence: penceFromBigInt(BigInt(row.amountPence)) })),
    batch: null,
    elapsedMs: 0,
  };
}

/** What an import that read no rows comes to. */
export const NOTHING_READ = {
  rows: 0,
  rowsTotalPence: 0,
  importable: 0,
  importablePence: 0,
  skipped: 0,
  duplicates: 0,
  alreadyImported: 0,
  setAside: 0,
  setAsidePence: 0,
  unmatched: 0,
  unmatchedPence: 0,
  unmatchedCodes: [],
  unreadableAmounts: 0,
  problems: [],
  warnings: [],
  warningCount: 0,
  sample: [],
  batch: null,
};
