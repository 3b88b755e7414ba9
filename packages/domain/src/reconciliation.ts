import { formatDate } from "./dates.ts";
import { formatPence, type Pence } from "./money.ts";

/** The figures a programme's reconciliation is judged on, all computed by the database. */
export type ReconciliationFigures = {
  programmeId: string;
  totalCostPence: Pence | null;
  committedPence: Pence;
  startOn?: string | null;
  endOn: string | null;
  today: string;
  commitments: {
    id: string;
    title: string;
    amountPence: Pence;
    receivedPence: Pence;
    allocatedPence: Pence;
    spentPence: Pence;
    awarded: boolean;
  }[];
  costLines: { id: string; name: string; allocatedPence: Pence; spentPence: Pence }[];
  costSharing: {
    agreementId: string;
    name: string;
    partners: { organisation: { name: string }; duePence: Pence; paidPence: Pence }[];
  }[];
  /** Spend on lines a capital commitment funds, in financial years outside its profile. */
  capitalOutsideYear: { commitmentId: string; title: string; financialYear: string; spentPence: Pence }[];
  /** Live payments dated before the programme's start or after its end. */
  spendOutsideDates?: { payments: number; spentPence: Pence; firstOn: string; lastOn: string } | null;
  /** Single payments larger than the whole allocation of the line they are charged to. */
  largePayments?: { spendId: string; lineName: string; spentOn: string; amountPence: Pence; allocatedPence: Pence }[];
};

export type Flag = {
  code:
    | "PROGRAMME_NOT_FULLY_FUNDED"
    | "COMMITMENT_OVER_ALLOCATED"
    | "RECEIVED_MORE_THAN_COMMITTED"
    | "LINE_OVERSPENT"
    | "SPEND_WITHOUT_ALLOCATION"
    | "COMMITTED_UNSPENT_NEAR_END"
    | "COMMITTED_UNSPENT_AFTER_END"
    | "SPEND_OUTSIDE_PROGRAMME_DATES"
    | "PAYMENT_LARGER_THAN_LINE"
    | "PARTNER_BEHIND_SHARE"
    | "CAPITAL_SPENT_OUTSIDE_YEAR";
  severity: "high" | "medium" | "low";
  message: string;
  subject: { type: "programme" | "commitment" | "costLine" | "costSharingAgreement" | "spend"; id: string };
  figures: Record<string, Pence | string | null>;
};

/** How serious each finding is: money nobody pays for or given for another year is high. */
export const FLAG_SEVERITY: Record<Flag["code"], Flag["severity"]> = {
  PROGRAMME_NOT_FULLY_FUNDED: "high",
  COMMITMENT_OVER_ALLOCATED: "high",
  RECEIVED_MORE_THAN_COMMITTED: "medium",
  SPEND_WITHOUT_ALLOCATION: "high",
  LINE_OVERSPENT: "medium",
  PARTNER_BEHIND_SHARE: "medium",
  CAPITAL_SPENT_OUTSIDE_YEAR: "high",
  SPEND_OUTSIDE_PROGRAMME_DATES: "high",
  PAYMENT_LARGER_THAN_LINE: "high",
  COMMITTED_UNSPENT_NEAR_END: "medium",
  COMMITTED_UNSPENT_AFTER_END: "medium",
};

/** Days before the end date within which unspent committed money is at risk of going back. */
export const UNSPENT_WARNING_DAYS = 90;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The reconciliation questions as rules: each flag says what is wrong and with which figures. */
export function reconciliationFlags(figures: ReconciliationFigures): Flag[] {
  const flags: Flag[] = [];
  const programme = { type: "programme" as const, id: figures.programmeId };
  if (figures.totalCostPence !== null && figures.committedPence < figures.totalCostPence) {
    const gap = figures.totalCostPence - figures.committedPence;
    flags.push({
      code: "PROGRAMME_NOT_FULLY_FUNDED",
      severity: FLAG_SEVERITY.PROGRAMME_NOT_FULLY_FUNDED,
      message: `Awarded funding of ${formatPence(figures.committedPence)} leaves ${formatPence(gap)} of the ${formatPence(figures.totalCostPence)} cost unfunded.`,
      subject: programme,
      figures: { totalCostPence: figures.totalCostPence, committedPence: figures.committedPence, gapPence: gap },
    });
  }
  for (const commitment of figures.commitments) {
    if (commitment.allocatedPence > commitment.amountPence) {
      flags.push({
        code: "COMMITMENT_OVER_ALLOCATED",
        severity: FLAG_SEVERITY.COMMITMENT_OVER_ALLOCATED,
        message: `${commitment.title}: allocations total ${formatPence(commitment.allocatedPence)} against a commitment of ${formatPence(commitment.amountPence)}.`,
        subject: { type: "commitment", id: commitment.id },
        figures: { amountPence: commitment.amountPence, allocatedPence: commitment.allocatedPence },
      });
    }
  }
  // Can be right (a top-up not yet recorded, a payment meant for another grant), so flagged
  // for a person to check rather than refused.
  for (const commitment of figures.commitments) {
    if (commitment.receivedPence > commitment.amountPence) {
      flags.push({
        code: "RECEIVED_MORE_THAN_COMMITTED",
        severity: FLAG_SEVERITY.RECEIVED_MORE_THAN_COMMITTED,
        message: `${commitment.title}: ${formatPence(commitment.receivedPence)} received against a commitment of ${formatPence(commitment.amountPence)}, ${formatPence(commitment.receivedPence - commitment.amountPence)} more than was committed.`,
        subject: { type: "commitment", id: commitment.id },
        figures: {
          amountPence: commitment.amountPence,
          receivedPence: commitment.receivedPence,
          excessPence: commitment.receivedPence - commitment.amountPence,
        },
      });
    }
  }
  for (const line of figures.costLines) {
    if (line.allocatedPence === 0 && line.spentPence !== 0) {
      flags.push({
        code: "SPEND_WITHOUT_ALLOCATION",
        severity: FLAG_SEVERITY.SPEND_WITHOUT_ALLOCATION,
        message: `${line.name}: ${formatPence(line.spentPence)} spent on a line no commitment is allocated to, so no funder pays for it.`,
        subject: { type: "costLine", id: line.id },
        figures: { allocatedPence: 0, spentPence: line.spentPence },
      });
    } else if (line.spentPence > line.allocatedPence) {
      flags.push({
        code: "LINE_OVERSPENT",
        severity: FLAG_SEVERITY.LINE_OVERSPENT,
        message: `${line.name}: spent ${formatPence(line.spentPence)} against ${formatPence(line.allocatedPence)} allocated, ${formatPence(line.spentPence - line.allocatedPence)} over.`,
        subject: { type: "costLine", id: line.id },
        figures: {
          allocatedPence: line.allocatedPence,
          spentPence: line.spentPence,
          overspentPence: line.spentPence - line.allocatedPence,
        },
      });
    }
  }
  for (const agreement of figures.costSharing) {
    for (const partner of agreement.partners.filter((p) => p.paidPence < p.duePence)) {
      flags.push({
        code: "PARTNER_BEHIND_SHARE",
        severity: FLAG_SEVERITY.PARTNER_BEHIND_SHARE,
        message: `${agreement.name}: ${partner.organisation.name} has paid ${formatPence(partner.paidPence)} of its ${formatPence(partner.duePence)} share, ${formatPence(partner.duePence - partner.paidPence)} behind.`,
        subject: { type: "costSharingAgreement", id: agreement.agreementId },
        figures: {
          organisation: partner.organisation.name,
          duePence: partner.duePence,
          paidPence: partner.paidPence,
          behindPence: partner.duePence - partner.paidPence,
        },
      });
    }
  }
  for (const outside of figures.capitalOutsideYear) {
    flags.push({
      code: "CAPITAL_SPENT_OUTSIDE_YEAR",
      severity: FLAG_SEVERITY.CAPITAL_SPENT_OUTSIDE_YEAR,
      message: `${outside.title}: ${formatPence(outside.spentPence)} was spent in ${outside.financialYear}, a year the capital was not given for.`,
      subject: { type: "commitment", id: outside.commitmentId },
      figures: { financialYear: outside.financialYear, spentPence: outside.spentPence },
    });
  }
  const outside = figures.spendOutsideDates;
  if (outside && outside.payments > 0) {
    const dates = [
      figures.startOn && `from ${formatDate(figures.startOn)}`,
      figures.endOn && `to ${formatDate(figures.endOn)}`,
    ]
      .filter(Boolean)
      .join(" ");
    flags.push({
      code: "SPEND_OUTSIDE_PROGRAMME_DATES",
      severity: FLAG_SEVERITY.SPEND_OUTSIDE_PROGRAMME_DATES,
      message: `${outside.payments} ${outside.payments === 1 ? "payment" : "payments"} of ${formatPence(outside.spentPence)} dated outside the programme's dates (it runs ${dates}), between ${formatDate(outside.firstOn)} and ${formatDate(outside.lastOn)}.`,
      subject: programme,
      figures: {
        payments: String(outside.payments),
        spentPence: outside.spentPence,
        firstOn: outside.firstOn,
        lastOn: outside.lastOn,
      },
    });
  }
  for (const payment of figures.largePayments ?? []) {
    flags.push({
      code: "PAYMENT_LARGER_THAN_LINE",
      severity: FLAG_SEVERITY.PAYMENT_LARGER_THAN_LINE,
      message: `${payment.lineName}: one payment of ${formatPence(payment.amountPence)} on ${formatDate(payment.spentOn)} is more than the line's whole allocation of ${formatPence(payment.allocatedPence)}.`,
      subject: { type: "spend", id: payment.spendId },
      figures: { amountPence: payment.amountPence, allocatedPence: payment.allocatedPence, spentOn: payment.spentOn },
    });
  }
  if (figures.endOn && daysBetween(figures.today, figures.endOn) < 0) {
    for (const commitment of figures.commitments.filter((c) => c.awarded && c.spentPence < c.amountPence)) {
      const unspent = commitment.amountPence - commitment.spentPence;
      flags.push({
        code: "COMMITTED_UNSPENT_AFTER_END",
        severity: FLAG_SEVERITY.COMMITTED_UNSPENT_AFTER_END,
        message: `${commitment.title}: ${formatPence(unspent)} of ${formatPence(commitment.amountPence)} is unspent, and the programme ended on ${formatDate(figures.endOn)}.`,
        subject: { type: "commitment", id: commitment.id },
        figures: {
          amountPence: commitment.amountPence,
          spentPence: commitment.spentPence,
          unspentPence: unspent,
          endOn: figures.endOn,
        },
      });
    }
  }
  if (figures.endOn) {
    const daysLeft = daysBetween(figures.today, figures.endOn);
    if (daysLeft >= 0 && daysLeft <= UNSPENT_WARNING_DAYS) {
      for (const commitment of figures.commitments.filter((c) => c.awarded && c.spentPence < c.amountPence)) {
        const unspent = commitment.amountPence - commitment.spentPence;
        flags.push({
          code: "COMMITTED_UNSPENT_NEAR_END",
          severity: FLAG_SEVERITY.COMMITTED_UNSPENT_NEAR_END,
          message: `${commitment.title}: ${formatPence(unspent)} of ${formatPence(commitment.amountPence)} is unspent with ${daysLeft} days to the programme's end on ${formatDate(figures.endOn)}.`,
          subject: { type: "commitment", id: commitment.id },
          figures: {
            amountPence: commitment.amountPence,
            spentPence: commitment.spentPence,
            unspentPence: unspent,
            endOn: figures.endOn,
          },
        });
      }
    }
  }
  return flags;
}
