import type { ReconciliationFlag } from "@fundline/schemas";

export type FindingLink = { to: string; label: string };

/**
 * Where to look, and where to put it right, for one finding: the records that cause it (the
 * commitment, the line, the payment) and the form that would resolve it. Forms only for those who
 * may write money.
 */
export function findingLinks(flag: ReconciliationFlag, programmeId: string, canWriteMoney: boolean): FindingLink[] {
  const programme = `/programmes/${programmeId}`;
  const { type, id } = flag.subject;
  const look: FindingLink[] = [];
  const fix: FindingLink[] = [];
  switch (flag.code) {
    case "PROGRAMME_NOT_FULLY_FUNDED":
      look.push({ to: `${programme}#money`, label: "See its funding" });
      fix.push({ to: `${programme}/commitments/new`, label: "Record a funding commitment" });
      break;
    case "COMMITMENT_OVER_ALLOCATED":
      look.push({ to: `/commitments/${id}#allocations`, label: "See the commitment's allocations" });
      fix.push({ to: `/commitments/${id}/edit`, label: "Correct the commitment's amount" });
      break;
    case "RECEIVED_MORE_THAN_COMMITTED":
      look.push({ to: `/commitments/${id}#receipts`, label: "See the commitment's receipts" });
      fix.push({ to: `/commitments/${id}/edit`, label: "Correct the commitment" });
      break;
    case "SPEND_WITHOUT_ALLOCATION":
    case "LINE_OVERSPENT":
      look.push({ to: `${programme}#line-${id}`, label: "See the cost line" });
      look.push({ to: `${programme}#payments`, label: "See the payments" });
      fix.push({ to: `${programme}/allocations/new?costLineId=${id}`, label: "Allocate funding to the line" });
      break;
    case "PARTNER_BEHIND_SHARE":
      look.push({ to: `${programme}#agreement-${id}`, label: "See the partners' shares" });
      look.push({ to: `${programme}#payments`, label: "See the payments" });
      fix.push({ to: `${programme}/spend/new`, label: "Record a partner's payment" });
      break;
    case "CAPITAL_SPENT_OUTSIDE_YEAR":
    case "COMMITTED_UNSPENT_NEAR_END":
    case "COMMITTED_UNSPENT_AFTER_END":
      look.push({ to: `/commitments/${id}`, label: "See the commitment" });
      fix.push({ to: `/commitments/${id}/edit`, label: "Correct the commitment or its profile" });
      break;
    case "SPEND_OUTSIDE_PROGRAMME_DATES":
      look.push({ to: `${programme}#payments`, label: "See the payments" });
      break;
    case "PAYMENT_LARGER_THAN_LINE":
      look.push({ to: `${programme}#payment-${id}`, label: "See the payment" });
      fix.push({ to: `${programme}/spend/${id}/edit`, label: "Correct the payment" });
      break;
  }
  if (type === "spend" && look.length === 0) look.push({ to: `${programme}#payment-${id}`, label: "See the payment" });
  return canWriteMoney ? [...look, ...fix] : look;
}
