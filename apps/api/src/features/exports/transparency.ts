import { pipeline, Readable } from "node:stream";
import type { Prisma, PrismaClient } from "@fundline/db";
import { fromIsoDate, penceAsDecimal, penceFromBigInt, toIsoDate } from "@fundline/domain";
import type { TransparencyExportQuery } from "@fundline/schemas";
import { stringify } from "csv-stringify";
import { RuleBroken } from "../../errors.ts";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";
import { guardFormula } from "../../lib/spreadsheet-cells.ts";

/** "Over £500": the Local Government Transparency Code 2015 threshold, credit notes included. */
const THRESHOLD_PENCE = 50_000n;
const BATCH = 2_000;

// The fields the Code requires for each item of spend over £500, plus the transaction number.
const COLUMNS = [
  "Body name",
  "Date incurred",
  "Transaction number",
  "Department",
  "Beneficiary",
  "Summary of purpose",
  "Merchant category",
  "Amount (£)",
  "Irrecoverable VAT (£)",
] as const;

/** What the beneficiary column says for a payment to a private individual. */
export const REDACTED = "Redacted: personal data";

/**
 * Spend over £500 (either sign) in a date range as CSV, read in keyset-ordered batches and
 * streamed, so a large council's year never sits in memory at once. The first batch is read
 * before anything is sent, so a failing query is answered as an error, not a cut-off file.
 */
export async function transparencyCsv(
  prisma: PrismaClient,
  query: TransparencyExportQuery,
  scope: Scope,
): Promise<Readable> {
  if (query.to < query.from) {
    throw new RuleBroken([{ path: "to", message: `the end (${query.to}) is before the start (${query.from})` }]);
  }
  const where: Prisma.SpendWhereInput = {
    retiredAt: null,
    programmeId: query.programmeId,
    costLine: { programme: visibleProgrammes(scope) },
    spentOn: { gte: fromIsoDate(query.from), lte: fromIsoDate(query.to) },
    OR: [{ amountPence: { gt: THRESHOLD_PENCE } }, { amountPence: { lt: -THRESHOLD_PENCE } }],
  };
  type SpendRow = Prisma.SpendGetPayload<{
    include: {
      payingOrganisation: { select: { name: true } };
      costLine: { select: { programme: { select: { leadOrganisation: { select: { name: true } } } } } };
    };
  }>;
  const batchAfter = (after: { spentOn: Date; id: string } | null): Promise<SpendRow[]> =>
    prisma.spend.findMany({
      where: after
        ? {
            AND: [
              where,
              { OR: [{ spentOn: { gt: after.spentOn } }, { spentOn: after.spentOn, id: { gt: after.id } }] },
            ],
          }
        : where,
      include: {
        payingOrganisation: { select: { name: true } },
        costLine: { select: { programme: { select: { leadOrganisation: { select: { name: true } } } } } },
      },
      orderBy: [{ spentOn: "asc" }, { id: "asc" }],
      take: BATCH,
    });
  const first = await batchAfter(null);
  async function* rows() {
    let batch = first;
    for (;;) {
      for (const spend of batch) {
        yield (
          [
            spend.payingOrganisation?.name ?? spend.costLine.programme.leadOrganisation.name,
            toIsoDate(spend.spentOn),
            spend.reference ?? spend.id,
            spend.department ?? "",
            spend.paidToIndividual ? REDACTED : spend.supplierName,
            spend.purpose ?? "",
            spend.merchantCategory ?? "",
            penceAsDecimal(penceFromBigInt(spend.amountPence)),
            penceAsDecimal(penceFromBigInt(spend.irrecoverableVatPence)),
          ] as const
        ).map(guardFormula);
      }
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) return;
      batch = await batchAfter({ spentOn: last.spentOn, id: last.id });
    }
  }
  // pipeline, not pipe: an error in a later batch destroys the CSV stream with it, which ends
  // the response and is logged, instead of an unhandled 'error' event stopping the process.
  return pipeline(Readable.from(rows()), stringify({ header: true, columns: [...COLUMNS] }), () => {});
}
