import { formatPence } from "@fundline/domain";
import { FlagCode, FlagSeverity, type PortfolioReconciliation } from "@fundline/schemas";
import { useId, useState } from "react";
import { Link } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { AsAtChooser, AsAtNotice } from "../../../components/ui/as-at.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { FilterSelect, RECENT_FINANCIAL_YEARS } from "../../../components/ui/filter-select.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useOrganisations } from "../../organisations/index.ts";
import { PORTFOLIO_FILTERS, type PortfolioFilters, portfolioSearch, usePortfolio } from "../api/portfolio.ts";
import { FindingsTable } from "./findings-table.tsx";
import { CODE_NAMES, SEVERITY_NAMES } from "./flag-names.ts";

/** Every open reconciliation flag across the programmes the user can see, most serious first. */
export function PortfolioPage() {
  const id = useId();
  // In the address, so a view can be shared and the dashboard can link to one.
  const { filters, setFilter } = useUrlFilters(PORTFOLIO_FILTERS);
  const [page, setPage] = useState(1);
  const portfolio = usePortfolio(filters, page);
  const organisations = useOrganisations();
  const organisationOptions = organisations.data?.organisations ?? [];
  const organisationNames = Object.fromEntries(
    organisationOptions.map((organisation) => [organisation.id, organisation.name]),
  );
  const filter = (name: keyof PortfolioFilters) => ({
    id: `${id}-${name}`,
    value: filters[name] ?? "",
    onChange: (value: string) => {
      setFilter(name, value);
      setPage(1);
    },
  });
  return (
    <>
      <PageHeading>Reconciliation</PageHeading>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect label="Severity" options={FlagSeverity.options} names={SEVERITY_NAMES} {...filter("severity")} />
        <FilterSelect label="Finding" options={FlagCode.options} names={CODE_NAMES} {...filter("code")} />
        <FilterSelect
          label="Funder"
          options={organisationOptions
            .filter((organisation) => organisation.kinds.includes("funder"))
            .map((organisation) => organisation.id)}
          names={organisationNames}
          {...filter("funderId")}
        />
        <FilterSelect
          label="Lead or partner"
          options={organisationOptions
            .filter((organisation) => organisation.kinds.includes("council"))
            .map((organisation) => organisation.id)}
          names={organisationNames}
          {...filter("organisationId")}
        />
        <FilterSelect
          label="Financial year"
          options={RECENT_FINANCIAL_YEARS}
          names={Object.fromEntries(RECENT_FINANCIAL_YEARS.map((year) => [year, year]))}
          {...filter("financialYear")}
        />
        <AsAtChooser {...filter("asAt")} />
      </form>
      <QuerySection query={portfolio} what="the reconciliation">
        {(reconciled) => (
          <>
            <AsAtNotice asAt={reconciled.asAt} onBackToNow={() => filter("asAt").onChange("")} />
            <Totals totals={reconciled.totals} />
            <Flags portfolio={reconciled} onPage={setPage} applied={describeFilters(filters, organisationNames)} />
            <DownloadLinks path={`/api/reconciliation?${portfolioSearch(filters)}`} what="these findings" />
          </>
        )}
      </QuerySection>
    </>
  );
}

function Totals({ totals }: { totals: PortfolioReconciliation["totals"] }) {
  return (
    <FiguresTable
      caption={`Across the ${totals.programmes.toLocaleString("en-GB")} ${totals.programmes === 1 ? "programme" : "programmes"} you can see`}
      figures={[
        [
          "Open findings",
          `${totals.flags.toLocaleString("en-GB")} on ${totals.programmesFlagged.toLocaleString("en-GB")} ${totals.programmesFlagged === 1 ? "programme" : "programmes"} (${totals.bySeverity.high.toLocaleString("en-GB")} high, ${totals.bySeverity.medium.toLocaleString("en-GB")} medium)`,
        ],
        ["Total cost", formatPence(totals.totalCostPence)],
        ["Awarded funding", formatPence(totals.committedPence)],
        ["Spent", formatPence(totals.spentPence)],
        ["Shortfall on programmes not fully funded", formatPence(totals.shortfallPence)],
      ]}
    />
  );
}

function Flags({
  portfolio,
  onPage,
  applied,
}: {
  portfolio: PortfolioReconciliation;
  onPage: (page: number) => void;
  applied: string[];
}) {
  if (portfolio.total === 0 && applied.length > 0) {
    return (
      <EmptyState>
        No findings match these filters ({applied.join("; ")}). <Link to="/reconciliation">Clear the filters</Link> to
        see every finding.
      </EmptyState>
    );
  }
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

/** The filters chosen, in words: what a list that came back empty was narrowed by. */
function describeFilters(filters: PortfolioFilters, organisations: Record<string, string>): string[] {
  return [
    filters.severity &&
      `severity ${SEVERITY_NAMES[filters.severity as keyof typeof SEVERITY_NAMES] ?? filters.severity}`,
    filters.code && `finding ${CODE_NAMES[filters.code as keyof typeof CODE_NAMES] ?? filters.code}`,
    filters.funderId && `funder ${organisations[filters.funderId] ?? "chosen"}`,
    filters.organisationId && `lead or partner ${organisations[filters.organisationId] ?? "chosen"}`,
    filters.financialYear && `financial year ${filters.financialYear}`,
  ].filter((part): part is string => Boolean(part));
}
