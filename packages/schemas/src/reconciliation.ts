import { z } from "zod";
import { AsAt, DateInput, FinancialYearLabel, Pence, Uuid } from "./common.ts";
import { Paging, pageOf } from "./paging.ts";

export const FlagSeverity = z.enum(["high", "medium", "low"]);

/** A finding an auditor can follow: a stable code, plain words, and the figures behind them. */
export const ReconciliationFlag = z.object({
  code: z.enum([
    "PROGRAMME_NOT_FULLY_FUNDED",
    "COMMITMENT_OVER_ALLOCATED",
    "RECEIVED_MORE_THAN_COMMITTED",
    "LINE_OVERSPENT",
    "SPEND_WITHOUT_ALLOCATION",
    "COMMITTED_UNSPENT_NEAR_END",
    "COMMITTED_UNSPENT_AFTER_END",
    "SPEND_OUTSIDE_PROGRAMME_DATES",
    "PAYMENT_LARGER_THAN_LINE",
    "PARTNER_BEHIND_SHARE",
    "CAPITAL_SPENT_OUTSIDE_YEAR",
  ]),
  severity: FlagSeverity,
  message: z.string(),
  /** What the flag is about: the programme, a commitment, a cost line, an agreement or one payment. */
  subject: z.object({
    type: z.enum(["programme", "commitment", "costLine", "costSharingAgreement", "spend"]),
    id: Uuid,
  }),
  figures: z.record(z.string(), z.union([Pence, z.string(), z.null()])),
});
export type ReconciliationFlag = z.infer<typeof ReconciliationFlag>;

/** A programme's money, as it is or as it stood (`asAt`). */
export const ProgrammeReconciliationQuery = z.strictObject({ asAt: AsAt });
export type ProgrammeReconciliationQuery = z.infer<typeof ProgrammeReconciliationQuery>;

export const ProgrammeReconciliation = z.object({
  programmeId: Uuid,
  /** With `asAt`: the moment the figures are as Fundline held them then. */
  asAt: z.string().nullable().optional(),
  /** Claims made to funders and not yet paid (funder claims). */
  claimedNotReceivedPence: Pence,
  /** Null when the programme's total cost has not been recorded. */
  totalCostPence: Pence.nullable(),
  /** Awarded or received commitments. */
  committedPence: Pence,
  /** Positive: shortfall; negative: surplus; null without a total cost. */
  gapPence: Pence.nullable(),
  commitments: z.array(
    z.object({
      id: Uuid,
      title: z.string(),
      status: z.string(),
      amountPence: Pence,
      receivedPence: Pence,
      allocatedPence: Pence,
      /** Spend naming this commitment, plus its pro-rata share of spend on lines it funds. */
      spentPence: Pence,
      overAllocated: z.boolean(),
    }),
  ),
  costLines: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      /** The cost centre a ledger export names the line by: what a spend import matches. */
      ledgerCode: z.string().nullable(),
      /** The council whose books the line is in: only it (or an administrator) changes it. */
      owner: z.object({ id: Uuid, name: z.string() }),
      allocatedPence: Pence,
      spentPence: Pence,
      /** Allocated minus spent: negative is overspent. */
      variancePence: Pence,
    }),
  ),
  costSharing: z.array(
    z.object({
      agreementId: Uuid,
      name: z.string(),
      /** The council whose agreement this is: only it (or an administrator) changes it. */
      owner: z.object({ id: Uuid, name: z.string() }),
      /** The spend the agreement shares: its cost line's (or the programme's) within its dates. */
      spentPence: Pence,
      partners: z.array(
        z.object({
          organisation: z.object({ id: Uuid, name: z.string() }),
          parts: z.number().int(),
          /** For display only; `duePence` comes from the parts, exact to the penny. */
          percentage: z.number(),
          duePence: Pence,
          paidPence: Pence,
          /** Paid minus due: negative is behind. */
          differencePence: Pence,
        }),
      ),
    }),
  ),
  financialYears: z.array(z.object({ financialYear: z.string(), profiledPence: Pence, spentPence: Pence })),
  flags: z.array(ReconciliationFlag),
});
export type ProgrammeReconciliation = z.infer<typeof ProgrammeReconciliation>;

export const TransparencyExportQuery = z.strictObject({
  from: DateInput,
  to: DateInput,
  programmeId: Uuid.optional(),
});
export type TransparencyExportQuery = z.infer<typeof TransparencyExportQuery>;

export const ThreeSixtyGivingExportQuery = z.strictObject({
  programmeId: Uuid.optional(),
  funderId: Uuid.optional(),
});
export type ThreeSixtyGivingExportQuery = z.infer<typeof ThreeSixtyGivingExportQuery>;

export const FlagCode = ReconciliationFlag.shape.code;
export type FlagCode = z.infer<typeof FlagCode>;

/** Open flags across every programme the caller can see, narrowed as a finance officer needs. */
export const PortfolioReconciliationQuery = z.strictObject({
  severity: FlagSeverity.optional(),
  code: FlagCode.optional(),
  /** Programmes this funder has awarded money to. */
  funderId: Uuid.optional(),
  /** Programmes this organisation leads or is a partner in. */
  organisationId: Uuid.optional(),
  /** Programmes running in this financial year (and capital spent in it). */
  financialYear: FinancialYearLabel.optional(),
  page: Paging.page,
  pageSize: Paging.pageSize,
  asAt: AsAt,
});
export type PortfolioReconciliationQuery = z.infer<typeof PortfolioReconciliationQuery>;

export const PortfolioFlag = ReconciliationFlag.extend({ programme: z.object({ id: Uuid, name: z.string() }) });
export type PortfolioFlag = z.infer<typeof PortfolioFlag>;

export const PortfolioReconciliation = pageOf("flags", PortfolioFlag).extend({
  /** With `asAt`: the moment the findings are as Fundline held them then. */
  asAt: z.string().nullable().optional(),
  totals: z.object({
    /** Programmes matching the filters, and how many of them have a flag. */
    programmes: z.number().int(),
    programmesFlagged: z.number().int(),
    flags: z.number().int(),
    bySeverity: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
    byCode: z.array(z.object({ code: FlagCode, severity: FlagSeverity, count: z.number().int() })),
    /** Money across the matching programmes, from the running totals. */
    totalCostPence: Pence,
    committedPence: Pence,
    spentPence: Pence,
    /** Shortfall across the programmes not fully funded (surpluses are not netted off). */
    shortfallPence: Pence,
  }),
});
export type PortfolioReconciliation = z.infer<typeof PortfolioReconciliation>;
