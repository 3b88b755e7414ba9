import { formatPence } from "@fundline/domain";
import { FlagCode, FlagSeverity, type PortfolioReconciliation } from "@fundline/schemas";
import { useId, useState } from "react";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { portfolioSearch, usePortfolio } from "../api/portfolio.ts";
import { FindingsTable } from "./findings-table.tsx";
import { CODE_NAMES, SEVERITY_NAMES } from "./flag-names.ts";

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
        <FilterSelect
          id={`${id}-severity`}
          label="Severity"
          value={severity}
          options={FlagSeverity.options}
          names={SEVERITY_NAMES}
          onChange={(value) => {
            setSeverity(value);
            setPage(1);
          }}
        />
        <FilterSelect
          id={`${id}-code`}
          label="Finding"
          value={code}
          options={FlagCode.options}
          names={CODE_NAMES}
          onChange={(value) => {
            setCode(value);
            setPage(1);
          }}
        />
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
    <FiguresTable
      caption={`Across the ${totals.programmes.toLocaleString("en-GB")} programmes you can see`}
      figures={[
        [
          "Open findings",
          `${totals.flags.toLocaleString("en-GB")} on ${totals.programmesFlagged.toLocaleString("en-GB")} programmes (${totals.bySeverity.high.toLocaleString("en-GB")} high, ${totals.bySeverity.medium.toLocaleString("en-GB")} medium)`,
        ],
        ["Total cost", formatPence(totals.totalCostPence)],
        ["Awarded funding", formatPence(totals.committedPence)],
        ["Spent", formatPence(totals.spentPence)],
        ["Shortfall on programmes not fully funded", formatPence(totals.shortfallPence)],
      ]}
    />
  );
}

function Flags({ portfolio, onPage }: { portfolio: PortfolioReconciliation; onPage: (page: number) => void }) {
  if (portfolio.total === 0) return <p>Nothing to explain: every figure adds up.</p>;
  return (
    <>
      <FindingsTable
        caption={
          <>
            Findings {(portfolio.page - 1) * portfolio.pageSize + 1}–
            {Math.min(portfolio.page * portfolio.pageSize, portfolio.total)} of{" "}
            {portfolio.total.toLocaleString("en-GB")}, most serious first
          </>
        }
        flags={portfolio.flags}
      />
      <Pager
        label="Pages of findings"
        page={portfolio.page}
        pageSize={portfolio.pageSize}
        total={portfolio.total}
        onPage={onPage}
      />
    </>
  );
}

/** One filter: "Any", or one of the values by its name. */
function FilterSelect<Value extends string>({
  id,
  label,
  value,
  options,
  names,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly Value[];
  names: Record<Value, string>;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {names[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
