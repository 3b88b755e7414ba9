import { formatPence } from "@fundline/domain";
import { FlagCode, FlagSeverity, type PortfolioReconciliation } from "@fundline/schemas";
import { useId, useState } from "react";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { portfolioSearch, usePortfolio } from "../api/portfolio.ts";

const CODE_NAMES: Record<FlagCode, string> = {
  PROGRAMME_NOT_FULLY_FUNDED: "Programme not fully funded",
  COMMITMENT_OVER_ALLOCATED: "Commitment over-allocated",
  LINE_OVERSPENT: "Cost line overspent",
  SPEND_WITHOUT_ALLOCATION: "Spend no commitment pays for",
  COMMITTED_UNSPENT_NEAR_END: "Committed money unspent near the end",
  PARTNER_BEHIND_SHARE: "Partner behind its share",
  CAPITAL_SPENT_OUTSIDE_YEAR: "Capital spent outside its year",
};
const SEVERITY_NAMES = { high: "High", medium: "Medium", low: "Low" } as const;

/** Every open reconciliation flag across the programmes the user can see, most serious first. */
export function PortfolioPage() {
  const id = useId();
  const [severity, setSeverity] = useState("");
  const [code, setCode] = useState("");
  const [page, setPage] = useState(1);
  const portfolio = usePortfolio({ severity, code, page });
  return (
    <>
      <h1>Reconciliation</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-severity`}>Severity</label>
          <select
            id={`${id}-severity`}
            value={severity}
            onChange={(event) => {
              setSeverity(event.target.value);
              setPage(1);
            }}
          >
            <option value="">Any</option>
            {FlagSeverity.options.map((value) => (
              <option key={value} value={value}>
                {SEVERITY_NAMES[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>Finding</label>
          <select
            id={`${id}-code`}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setPage(1);
            }}
          >
            <option value="">Any</option>
            {FlagCode.options.map((value) => (
              <option key={value} value={value}>
                {CODE_NAMES[value]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {portfolio.isPending && <p aria-busy="true">Reconciling…</p>}
      {portfolio.isError && <p role="alert">The reconciliation could not be loaded: {portfolio.error.message}</p>}
      {portfolio.data && (
        <>
          <Totals totals={portfolio.data.totals} />
          <Flags portfolio={portfolio.data} onPage={setPage} />
          <DownloadLinks path={`/api/reconciliation?${portfolioSearch({ severity, code })}`} what="these findings" />
        </>
      )}
    </>
  );
}

function Totals({ totals }: { totals: PortfolioReconciliation["totals"] }) {
  return (
    <table>
      <caption>Across the {totals.programmes.toLocaleString("en-GB")} programmes you can see</caption>
      <tbody>
        <tr>
          <th scope="row">Open findings</th>
          <td className="money">
            {totals.flags.toLocaleString("en-GB")} on {totals.programmesFlagged.toLocaleString("en-GB")} programmes (
            {totals.bySeverity.high.toLocaleString("en-GB")} high, {totals.bySeverity.medium.toLocaleString("en-GB")}{" "}
            medium)
          </td>
        </tr>
        <tr>
          <th scope="row">Total cost</th>
          <td className="money">{formatPence(totals.totalCostPence)}</td>
        </tr>
        <tr>
          <th scope="row">Awarded funding</th>
          <td className="money">{formatPence(totals.committedPence)}</td>
        </tr>
        <tr>
          <th scope="row">Spent</th>
          <td className="money">{formatPence(totals.spentPence)}</td>
        </tr>
        <tr>
          <th scope="row">Shortfall on programmes not fully funded</th>
          <td className="money">{formatPence(totals.shortfallPence)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Flags({ portfolio, onPage }: { portfolio: PortfolioReconciliation; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(portfolio.total / portfolio.pageSize));
  if (portfolio.total === 0) return <p>Nothing to explain: every figure adds up.</p>;
  return (
    <>
      <table>
        <caption>
          Findings {(portfolio.page - 1) * portfolio.pageSize + 1}–
          {Math.min(portfolio.page * portfolio.pageSize, portfolio.total)} of {portfolio.total.toLocaleString("en-GB")},
          most serious first
        </caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Programme</th>
            <th scope="col">Finding</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {portfolio.flags.map((flag) => (
            <tr key={`${flag.code}-${flag.subject.id}-${JSON.stringify(flag.figures)}`}>
              <td>{SEVERITY_NAMES[flag.severity]}</td>
              <td>{flag.programme.name}</td>
              <td>{CODE_NAMES[flag.code]}</td>
              <td>{flag.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages of findings" className="pager">
        <button
          type="button"
          className="secondary"
          disabled={portfolio.page <= 1}
          onClick={() => onPage(portfolio.page - 1)}
        >
          Previous page
        </button>
        <span>
          Page {portfolio.page} of {pages}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={portfolio.page >= pages}
          onClick={() => onPage(portfolio.page + 1)}
        >
          Next page
        </button>
      </nav>
    </>
  );
}
