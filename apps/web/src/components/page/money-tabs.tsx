import { NavLink } from "react-router";

const TABS = [
  ["/money/commitments", "Commitments"],
  ["/money/receipts", "Receipts"],
  ["/money/allocations", "Allocations"],
  ["/money/spend", "Spend"],
  ["/money/exports", "Exports"],
  ["/money/periods", "Closed periods"],
  ["/money/approvals", "Approvals"],
] as const;

/** The money records, one list each: the finance section's own navigation. */
export function MoneyTabs() {
  return (
    <nav aria-label="Money records" className="tabs no-print">
      <ul>
        {TABS.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to}>{label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
