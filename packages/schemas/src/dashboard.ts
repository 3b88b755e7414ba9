import { z } from "zod";
import { AsAt, FinancialYearLabel, IsoDate, Pence, Uuid } from "./common.ts";
import { MilestoneStatus, ProgrammeStatus } from "./vocabulary.ts";

/** What a dashboard shows: programmes led or partnered by an organisation, a funder's share, a year, a status. */
export const DashboardQuery = z.strictObject({
  /** Programmes this organisation leads or is a partner in. */
  organisationId: Uuid.optional(),
  /** This funder's commitments, and the spend attributed to them, on the programmes it funds. */
  funderId: Uuid.optional(),
  /** Programmes running in this year (April to March), and the spend within it. */
  financialYear: FinancialYearLabel.optional(),
  status: ProgrammeStatus.optional(),
  /** Just this programme. */
  programmeId: Uuid.optional(),
  asAt: AsAt,
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Whole = z.number().int();

const DueMilestone = z.object({
  id: Uuid,
  description: z.string(),
  programme: z.object({ id: Uuid, name: z.string() }),
  status: MilestoneStatus,
  dueOn: IsoDate,
});

/** Where the money and the delivery stand across the programmes the user can see. */
export const DashboardResponse = z.object({
  /** The day the figures are as at, in the UK (what "overdue" is measured from). */
  today: IsoDate,
  /** With `asAt`: the moment the figures are as Fundline held them then. */
  asAt: z.string().nullable().optional(),
  headline: z.object({
    programmes: Whole,
    /** Awarded or received commitments (a funder's own, with a funder chosen). */
    committedPence: Pence,
    receivedPence: Pence,
    allocatedPence: Pence,
    /** Spend to date, or within the year chosen; with a funder, the spend attributed to its commitments. */
    spentPence: Pence,
    /** Each programme's total cost not covered by its awarded funding, added up. */
    fundingGapPence: Pence,
    /** Programmes whose end date has passed, and what their funding left unspent. */
    endedProgrammes: Whole,
    unspentOnEndedPence: Pence,
  }),
  milestones: z.object({
    total: Whole,
    /** Outstanding, forecast (or planned) before today. */
    overdue: Whole,
    /** Not overdue: on track or not started. */
    onTrack: Whole,
    /** Not overdue: at risk or delayed. */
    atRisk: Whole,
    complete: Whole,
    cancelled: Whole,
    dueInNext30Days: Whole,
  }),
  /** Overdue milestones, most overdue first (the first 20 of `milestones.overdue`). */
  overdue: z.array(DueMilestone),
  /** Milestones due in the next 30 days, soonest first (the first 20). */
  dueSoon: z.array(DueMilestone),
  deliverables: z.object({ count: Whole, achieved: Whole, target: Whole }),
  /** Each programme's milestones by state, those with the most overdue first (the first 50). */
  programmes: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      overdue: Whole,
      atRisk: Whole,
      onTrack: Whole,
      complete: Whole,
      deliverablesAchieved: Whole,
      deliverablesTarget: Whole,
    }),
  ),
  /**
   * Each funder's own commitments on these programmes, what they received and were allocated, and
   * the spend attributed to them (named, or shared pro rata on their lines), largest first.
   */
  byFunder: z.array(
    z.object({
      funder: z.object({ id: Uuid, name: z.string() }),
      committedPence: Pence,
      receivedPence: Pence,
      allocatedPence: Pence,
      spentPence: Pence,
    }),
  ),
  /**
   * Spend over time: cumulative by month from each programme's monthly running total (by
   * financial year when a funder is chosen, as its share is attributed within each year),
   * against the committed total.
   */
  spendOverTime: z.object({
    period: z.enum(["month", "financialYear"]),
    points: z.array(z.object({ period: z.string(), spentPence: Pence, cumulativePence: Pence })),
  }),
  /**
   * The forecast outturn: each programme's spend so far, plus its average monthly spend over the
   * last six complete months carried on to its end date; those projected to spend more or less
   * than their commitment by more than the threshold, furthest out first (the first 20 each).
   */
  forecast: z
    .object({
      outturnPence: Pence,
      /** When the last programme still running ends: where the projected line reaches. */
      lastEndOn: IsoDate.nullable(),
      thresholdPercent: Whole,
      overspending: Whole,
      underspending: Whole,
      programmes: z.array(
        z.object({
          id: Uuid,
          name: z.string(),
          endOn: IsoDate,
          committedPence: Pence,
          spentPence: Pence,
          projectedPence: Pence,
        }),
      ),
    })
    .nullable(),
  /** Each financial year (April to March): the funding profiled for it against what was spent in it. */
  byYear: z.array(z.object({ financialYear: z.string(), profiledPence: Pence, spentPence: Pence })),
  /** Benefits against their targets, soonest expected first (the first 50). */
  benefits: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      programme: z.object({ id: Uuid, name: z.string() }),
      unit: z.string(),
      direction: z.enum(["increase", "decrease", "achieve"]),
      baselineValue: z.string().nullable(),
      targetValue: z.string().nullable(),
      targetText: z.string().nullable(),
      expectedBy: IsoDate.nullable(),
      /** The latest approved reading (on a programme whose owner approves them). */
      latestReading: z.object({ readOn: IsoDate, value: z.string() }).nullable(),
      /** Readings submitted and not yet approved: not in these figures. */
      readingsAwaitingApproval: z.number().int(),
    }),
  ),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
