import { formatDate, formatDateTime, formatPence } from "@fundline/domain";
import { type DashboardResponse, ProgrammeStatus } from "@fundline/schemas";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { usePrintTime } from "../../../components/page/print-time.ts";
import { AsAtChooser, AsAtNotice } from "../../../components/ui/as-at.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { FilterSelect, RECENT_FINANCIAL_YEARS } from "../../../components/ui/filter-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useOrganisations } from "../../organisations/index.ts";
import { PROGRAMME_STATUS } from "../../programme-frame/index.ts";
import { ProgrammesOverview } from "../../programmes/index.ts";
import { useSession } from "../../session/index.ts";
import { DASHBOARD_FILTERS, type DashboardFilters, useDashboard } from "../api/get-dashboard.ts";
import { describeFilters, findings } from "./dashboard-words.ts";
import { Benefits, Delivery } from "./delivery-and-benefits.tsx";
import { ByFunder, ByYear } from "./money-by-funder-and-year.tsx";
import { SpendOverTime } from "./spend-over-time.tsx";

const STATUS_NAMES = Object.fromEntries(
  ProgrammeStatus.options.map((status) => [status, PROGRAMME_STATUS[status].label]),
) as Record<(typeof ProgrammeStatus.options)[number], string>;

/**
 * A director's view: where the money and the delivery stand across the programmes they can see,
 * filtered by council, funder, year and status (kept in the address), printable for committee,
 * as they are or as they stood at the end of a past day (`?asAt=`). `notice`: what the home page
 * puts first for this person (changes waiting for their approval).
 */
export function DashboardPage({ notice }: { notice?: ReactNode } = {}) {
  const { filters, setFilter } = useUrlFilters(DASHBOARD_FILTERS);
  const dashboard = useDashboard(filters);
  const organisations = useOrganisations().data?.organisations ?? [];
  const names = Object.fromEntries(organisations.map((organisation) => [organisation.id, organisation.name]));
  const councils = organisations.filter((organisation) => organisation.kinds.includes("council"));
  const funders = organisations.filter((organisation) => organisation.kinds.includes("funder"));
  const applied = describeFilters(filters, names);
  const printedAt = usePrintTime();
  return (
    <article className="dashboard report">
      <PageHeading>Programmes at a glance</PageHeading>
      <AddProgrammeLink />
      {notice}
      <AsAtNotice asAt={dashboard.data?.asAt} onBackToNow={() => setFilter("asAt", "")} />
      <p className="as-at print-only">
        As at {formatDateTime(dashboard.data?.asAt ?? printedAt)}.{" "}
        {applied.length > 0 ? `Filters: ${applied.join("; ")}.` : "All programmes you can see."}
      </p>
      <form className="filters no-print" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect
          id="filter-organisation"
          label="Council (lead or partner)"
          options={councils.map((council) => council.id)}
          names={names}
          value={filters.organisationId ?? ""}
          onChange={(value) => setFilter("organisationId", value)}
        />
        <FilterSelect
          id="filter-funder"
          label="Funder"
          options={funders.map((funder) => funder.id)}
          names={names}
          value={filters.funderId ?? ""}
          onChange={(value) => setFilter("funderId", value)}
        />
        <FilterSelect
          id="filter-year"
          label="Financial year"
          options={RECENT_FINANCIAL_YEARS}
          names={Object.fromEntries(RECENT_FINANCIAL_YEARS.map((year) => [year, year]))}
          value={filters.financialYear ?? ""}
          onChange={(value) => setFilter("financialYear", value)}
        />
        <FilterSelect
          id="filter-status"
          label="Programme status"
          options={ProgrammeStatus.options}
          names={STATUS_NAMES}
          value={filters.status ?? ""}
          onChange={(value) => setFilter("status", value)}
        />
        <AsAtChooser id="filter-as-at" value={filters.asAt ?? ""} onChange={(day) => setFilter("asAt", day)} />
      </form>
      {filters.programmeId && (
        <p className="no-print">
          Showing one programme.{" "}
          <button type="button" className="link-button" onClick={() => setFilter("programmeId", "")}>
            Show every programme
          </button>
        </p>
      )}
      <p className="no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print for committee
        </button>
      </p>
      <QuerySection query={dashboard} what="the dashboard">
        {(figures) =>
          figures.headline.programmes === 0 ? (
            <EmptyState>
              No programmes match{" "}
              {applied.length > 0 ? `these filters (${applied.join("; ")})` : "for your council yet"}.
            </EmptyState>
          ) : (
            <Dashboard figures={figures} filters={filters} funderChosen={Boolean(filters.funderId)} />
          )
        }
      </QuerySection>
    </article>
  );
}

function Dashboard({
  figures,
  filters,
  funderChosen,
}: {
  figures: DashboardResponse;
  filters: DashboardFilters;
  funderChosen: boolean;
}) {
  const { headline, milestones } = figures;
  const whose = funderChosen ? "this funder's" : "";
  return (
    <>
      <section aria-labelledby="headline-title" className="page-section">
        <h2 id="headline-title">
          Money across {headline.programmes.toLocaleString("en-GB")}{" "}
          {headline.programmes === 1 ? "programme" : "programmes"}
        </h2>
        <ul className="headline-figures">
          <Figure
            label={`Committed${whose ? ` (${whose} commitments)` : ""}`}
            value={formatPence(headline.committedPence)}
            to="#programmes"
          />
          <Figure label="Received" value={formatPence(headline.receivedPence)} to="#programmes" />
          <Figure label="Allocated to cost lines" value={formatPence(headline.allocatedPence)} to="#programmes" />
          <Figure
            label={`Spent${filters.financialYear ? ` in ${filters.financialYear}` : " to date"}${funderChosen ? " (attributed to this funder)" : ""}`}
            value={formatPence(headline.spentPence)}
            to="#programmes"
          />
          <Figure
            label="Funding gap (cost not yet covered)"
            value={formatPence(headline.fundingGapPence)}
            to={findings(filters, "PROGRAMME_NOT_FULLY_FUNDED")}
          />
          <Figure
            label={`Unspent on ${headline.endedProgrammes.toLocaleString("en-GB")} ended ${headline.endedProgrammes === 1 ? "programme" : "programmes"}`}
            value={formatPence(headline.unspentOnEndedPence)}
            to={findings(filters, "COMMITTED_UNSPENT_NEAR_END")}
          />
        </ul>
      </section>

      <section aria-labelledby="milestones-title" className="page-section">
        <h2 id="milestones-title">Milestones</h2>
        <ul className="headline-figures" data-testid="milestone-states">
          <Figure label="Overdue" value={milestones.overdue.toLocaleString("en-GB")} to="#overdue" tone="red" />
          <Figure
            label="At risk or delayed"
            value={milestones.atRisk.toLocaleString("en-GB")}
            to="#delivery"
            tone="amber"
          />
          <Figure label="On track" value={milestones.onTrack.toLocaleString("en-GB")} to="#delivery" tone="blue" />
          <Figure label="Complete" value={milestones.complete.toLocaleString("en-GB")} to="#delivery" tone="green" />
          <Figure
            label="Due in the next 30 days"
            value={milestones.dueInNext30Days.toLocaleString("en-GB")}
            to="#due-soon"
          />
        </ul>
        <DueList
          id="overdue"
          title={`Overdue (${milestones.overdue.toLocaleString("en-GB")})`}
          due={figures.overdue}
          total={milestones.overdue}
        />
        <DueList
          id="due-soon"
          title={`Due in the next 30 days (${milestones.dueInNext30Days.toLocaleString("en-GB")})`}
          due={figures.dueSoon}
          total={milestones.dueInNext30Days}
        />
      </section>

      <SpendOverTime figures={figures} funderChosen={funderChosen} />
      <ByFunder rows={figures.byFunder} funderChosen={funderChosen} year={filters.financialYear} />
      <ByYear rows={figures.byYear} funderChosen={funderChosen} />
      <Delivery figures={figures} />
      <Benefits benefits={figures.benefits} today={figures.today} />

      <section aria-labelledby="programmes-title" className="page-section" id="programmes">
        <h2 id="programmes-title">Programmes</h2>
        <ProgrammesOverview filters={filters} />
      </section>
    </>
  );
}

function Figure({
  label,
  value,
  to,
  tone,
}: {
  label: string;
  value: string;
  to: string;
  tone?: "red" | "amber" | "blue" | "green";
}) {
  const content = (
    <>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </>
  );
  return (
    <li className={tone ? `headline-figure figure-${tone}` : "headline-figure"}>
      {to.startsWith("#") ? <a href={to}>{content}</a> : <Link to={to}>{content}</Link>}
    </li>
  );
}

function DueList({
  id,
  title,
  due,
  total,
}: {
  id: string;
  title: string;
  due: DashboardResponse["overdue"];
  total: number;
}) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {due.length === 0 ? (
        <EmptyState>None.</EmptyState>
      ) : (
        <TableRegion label={title}>
          <table>
            <caption>
              {total > due.length
                ? `The first ${due.length} of ${total.toLocaleString("en-GB")}, soonest due first`
                : "Soonest due first"}
            </caption>
            <ColumnHeaders columns={["Milestone", "Programme", "Due"]} />
            <tbody>
              {due.map((milestone) => (
                <tr key={milestone.id}>
                  <th scope="row">
                    <Link to={`/programmes/${milestone.programme.id}#milestone-${milestone.id}`}>
                      {milestone.description}
                    </Link>
                  </th>
                  <td>{milestone.programme.name}</td>
                  <td>{formatDate(milestone.dueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

/** Administrators set programmes up; the link shows only for those who may. */
function AddProgrammeLink() {
  const session = useSession();
  if (!session.permissions.includes("programme.write")) return null;
  return (
    <p className="no-print">
      <Link to="/programmes/new" className="button-link secondary">
        Add a programme
      </Link>
    </p>
  );
}
