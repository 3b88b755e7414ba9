import { formatDate, formatDateTime, formatPence, penceAsDecimal } from "@fundline/domain";
import { type DashboardResponse, ProgrammeStatus } from "@fundline/schemas";
import { Link } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { usePrintTime } from "../../../components/page/print-time.ts";
import { CumulativeChart, PairedBarChart } from "../../../components/ui/charts.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { CsvDownload } from "../../../components/ui/csv-download.tsx";
import { FilterSelect, RECENT_FINANCIAL_YEARS } from "../../../components/ui/filter-select.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { measurementInWords } from "../../../lib/measurements.ts";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useOrganisations } from "../../organisations/index.ts";
import { ProgrammesOverview } from "../../programmes/index.ts";
import { useSession } from "../../session/index.ts";
import { DASHBOARD_FILTERS, type DashboardFilters, useDashboard } from "../api/get-dashboard.ts";

const STATUS_NAMES: Record<(typeof ProgrammeStatus.options)[number], string> = {
  proposed: "Proposed",
  bid_submitted: "Bid submitted",
  approved: "Approved",
  unsuccessful: "Unsuccessful",
  active: "Active",
  closed: "Closed",
};

/**
 * A director's view: where the money and the delivery stand across the programmes they can see,
 * filtered by council, funder, year and status (kept in the address), printable for committee.
 */
export function DashboardPage() {
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
      <p className="as-at print-only">
        As at {formatDateTime(printedAt)}.{" "}
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

function SpendOverTime({ figures, funderChosen }: { figures: DashboardResponse; funderChosen: boolean }) {
  const { spendOverTime, forecast, headline } = figures;
  const byMonth = spendOverTime.period === "month";
  const periodName = (period: string) => (byMonth ? monthName(period) : period);
  const points = spendOverTime.points.map((point) => ({
    // A month's spend is drawn at its end; a financial year's at 31 March.
    day: byMonth ? lastDayOf(point.period) : `${Number(point.period.slice(0, 4)) + 1}-03-31`,
    cumulativePence: point.cumulativePence,
  }));
  return (
    <section aria-labelledby="over-time-title" className="page-section">
      <h2 id="over-time-title">Spend over time</h2>
      {spendOverTime.points.length === 0 ? (
        <EmptyState>No spend recorded on these programmes yet.</EmptyState>
      ) : (
        <>
          <CumulativeChart
            label={`Line chart: spend to date ${byMonth ? "month by month" : "year by year"} against the ${formatPence(headline.committedPence)} committed${forecast ? ", and the forecast outturn" : ""}. The same figures are in the table below.`}
            points={points}
            committedPence={headline.committedPence}
            forecast={forecast?.lastEndOn ? { day: forecast.lastEndOn, outturnPence: forecast.outturnPence } : null}
          />
          {funderChosen && (
            <p className="hint">
              By financial year: a funder's share of spend is worked out within each year of each cost line.
            </p>
          )}
          <TableRegion label="Spend over time">
            <table>
              <caption>
                Spend in each {byMonth ? "month" : "financial year"} and to date, against{" "}
                {formatPence(headline.committedPence)} committed
              </caption>
              <thead>
                <tr>
                  <th scope="col">{byMonth ? "Month" : "Financial year"}</th>
                  <th scope="col" className="money">
                    Spent in it
                  </th>
                  <th scope="col" className="money">
                    Spent to date
                  </th>
                </tr>
              </thead>
              <tbody>
                {spendOverTime.points.map((point) => (
                  <tr key={point.period}>
                    <th scope="row">{periodName(point.period)}</th>
                    <td className="money">{formatPence(point.spentPence)}</td>
                    <td className="money">{formatPence(point.cumulativePence)}</td>
                  </tr>
                ))}
              </tbody>
              {forecast?.lastEndOn && (
                <tfoot>
                  <tr>
                    <th scope="row">Forecast outturn by {formatDate(forecast.lastEndOn)}</th>
                    <td />
                    <td className="money">{formatPence(forecast.outturnPence)}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </TableRegion>
          <CsvDownload
            what="spend over time"
            filename="spend-over-time.csv"
            columns={[byMonth ? "Month" : "Financial year", "Spent in it (£)", "Spent to date (£)"]}
            rows={spendOverTime.points.map((point) => [
              point.period,
              penceAsDecimal(point.spentPence),
              penceAsDecimal(point.cumulativePence),
            ])}
          />
        </>
      )}
      {forecast && <Forecast forecast={forecast} />}
    </section>
  );
}

function Forecast({ forecast }: { forecast: NonNullable<DashboardResponse["forecast"]> }) {
  return (
    <>
      <h3 id="forecast">Forecast outturn</h3>
      <p>
        How it is worked out: each programme's spend so far, plus its average monthly spend over the last six complete
        months carried on to its end date. Programmes projected to spend more or less than their commitment by more than{" "}
        {forecast.thresholdPercent}% are listed: {forecast.overspending.toLocaleString("en-GB")} over,{" "}
        {forecast.underspending.toLocaleString("en-GB")} under.
      </p>
      {forecast.programmes.length > 0 && (
        <TableRegion label="Programmes projected off course">
          <table>
            <caption>Programmes projected to spend more or less than committed, furthest out first</caption>
            <ColumnHeaders
              columns={[
                "Programme",
                "Ends",
                { figures: "Committed" },
                { figures: "Spent so far" },
                { figures: "Forecast outturn" },
                { figures: "Over or under" },
              ]}
            />
            <tbody>
              {forecast.programmes.map((programme) => {
                const variance = programme.projectedPence - programme.committedPence;
                return (
                  <tr key={programme.id}>
                    <th scope="row">
                      <Link to={`/programmes/${programme.id}#money`}>{programme.name}</Link>
                    </th>
                    <td>{formatDate(programme.endOn)}</td>
                    <td className="money">{formatPence(programme.committedPence)}</td>
                    <td className="money">{formatPence(programme.spentPence)}</td>
                    <td className="money">{formatPence(programme.projectedPence)}</td>
                    <td className="money">
                      {variance > 0 ? `${formatPence(variance)} over` : `${formatPence(-variance)} under`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2021-04` as `April 2021`. */
function monthName(period: string): string {
  return `${MONTH_NAMES[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/** `2021-04` → `2021-04-30`. */
function lastDayOf(period: string): string {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1990, month ?? 1, 0)).toISOString().slice(0, 10);
}

function ByFunder({
  rows,
  funderChosen,
  year,
}: {
  rows: DashboardResponse["byFunder"];
  funderChosen: boolean;
  year: string | undefined;
}) {
  return (
    <section aria-labelledby="by-funder-title" className="page-section">
      <h2 id="by-funder-title">{funderChosen ? "This funder's money" : "By funder"}</h2>
      {rows.length === 0 ? (
        <EmptyState>No funding recorded on these programmes.</EmptyState>
      ) : (
        <>
          <TableRegion label="Money by funder">
            <table>
              <caption>
                Each funder's own commitments, what they received and were allocated, and the spend attributed to them
                {year ? ` in ${year}` : ""} (named on a payment, or shared pro rata on the lines they fund)
              </caption>
              <ColumnHeaders
                columns={[
                  "Funder",
                  { figures: "Committed" },
                  { figures: "Received" },
                  { figures: "Allocated" },
                  { figures: "Spent" },
                ]}
              />
              <tbody>
                {rows.map((row) => (
                  <tr key={row.funder.id}>
                    <th scope="row">{row.funder.name}</th>
                    <td className="money">{formatPence(row.committedPence)}</td>
                    <td className="money">{formatPence(row.receivedPence)}</td>
                    <td className="money">{formatPence(row.allocatedPence)}</td>
                    <td className="money">{formatPence(row.spentPence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <CsvDownload
            what="these figures by funder"
            filename="money-by-funder.csv"
            columns={["Funder", "Committed (£)", "Received (£)", "Allocated (£)", "Spent (£)"]}
            rows={rows.map((row) => [
              row.funder.name,
              penceAsDecimal(row.committedPence),
              penceAsDecimal(row.receivedPence),
              penceAsDecimal(row.allocatedPence),
              penceAsDecimal(row.spentPence),
            ])}
          />
        </>
      )}
    </section>
  );
}

function ByYear({ rows, funderChosen }: { rows: DashboardResponse["byYear"]; funderChosen: boolean }) {
  return (
    <section aria-labelledby="by-year-title" className="page-section">
      <h2 id="by-year-title">By financial year</h2>
      {rows.length === 0 ? (
        <EmptyState>No funding profiled or spent on these programmes.</EmptyState>
      ) : (
        <>
          <PairedBarChart
            label="Bar chart: funding profiled against spend in each financial year. The same figures are in the table below."
            rows={rows}
            category="financialYear"
            bars={[
              { pence: "profiledPence", name: "Profiled", colour: "var(--colour-committed)" },
              { pence: "spentPence", name: "Spent", colour: "var(--colour-spent)" },
            ]}
          />
          <TableRegion label="Money by financial year">
            <table>
              <caption>
                Funding profiled for each financial year (1 April to 31 March) against{" "}
                {funderChosen ? "the spend attributed to this funder" : "the spend"} in it
              </caption>
              <ColumnHeaders columns={["Financial year", { figures: "Profiled" }, { figures: "Spent" }]} />
              <tbody>
                {rows.map((row) => (
                  <tr key={row.financialYear}>
                    <th scope="row">{row.financialYear}</th>
                    <td className="money">{formatPence(row.profiledPence)}</td>
                    <td className="money">{formatPence(row.spentPence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <CsvDownload
            what="these figures by year"
            filename="money-by-financial-year.csv"
            columns={["Financial year", "Profiled (£)", "Spent (£)"]}
            rows={rows.map((row) => [
              row.financialYear,
              penceAsDecimal(row.profiledPence),
              penceAsDecimal(row.spentPence),
            ])}
          />
        </>
      )}
    </section>
  );
}

function Delivery({ figures }: { figures: DashboardResponse }) {
  const { deliverables } = figures;
  return (
    <section aria-labelledby="delivery-title" className="page-section" id="delivery">
      <h2 id="delivery-title">Delivery by programme</h2>
      <p>
        Deliverables: {deliverables.achieved.toLocaleString("en-GB")} achieved of a target of{" "}
        {deliverables.target.toLocaleString("en-GB")}, across {deliverables.count.toLocaleString("en-GB")}{" "}
        {deliverables.count === 1 ? "deliverable" : "deliverables"}.
      </p>
      <TableRegion label="Delivery by programme">
        <table>
          <caption>
            Milestones by state, and deliverables, for each programme (those with most overdue first
            {figures.headline.programmes > figures.programmes.length ? `; the first ${figures.programmes.length}` : ""})
          </caption>
          <ColumnHeaders
            columns={[
              "Programme",
              { figures: "Overdue" },
              { figures: "At risk" },
              { figures: "On track" },
              { figures: "Complete" },
              { figures: "Deliverables achieved" },
            ]}
          />
          <tbody>
            {figures.programmes.map((programme) => (
              <tr key={programme.id}>
                <th scope="row">
                  <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
                </th>
                <td className="money">
                  {programme.overdue > 0 ? <StatusTag tone="red">{String(programme.overdue)}</StatusTag> : "0"}
                </td>
                <td className="money">{programme.atRisk}</td>
                <td className="money">{programme.onTrack}</td>
                <td className="money">{programme.complete}</td>
                <td className="money">
                  {programme.deliverablesTarget > 0
                    ? `${programme.deliverablesAchieved.toLocaleString("en-GB")} of ${programme.deliverablesTarget.toLocaleString("en-GB")}`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function Benefits({ benefits, today }: { benefits: DashboardResponse["benefits"]; today: string }) {
  return (
    <section aria-labelledby="benefits-title" className="page-section">
      <h2 id="benefits-title">Benefits against their targets</h2>
      {benefits.length === 0 ? (
        <EmptyState>No benefits recorded on these programmes.</EmptyState>
      ) : (
        <TableRegion label="Benefits against their targets">
          <table>
            <caption>Each benefit's latest reading against its baseline and target, soonest expected first</caption>
            <ColumnHeaders
              columns={[
                "Benefit",
                "Programme",
                { figures: "Baseline" },
                { figures: "Latest" },
                { figures: "Target" },
                "Expected by",
                "Time to benefit",
              ]}
            />
            <tbody>
              {benefits.map((benefit) => (
                <tr key={benefit.id}>
                  <th scope="row">
                    {benefit.name}
                    <span className="hint"> ({DIRECTION_WORDS[benefit.direction]})</span>
                  </th>
                  <td>
                    <Link to={`/programmes/${benefit.programme.id}#benefits`}>{benefit.programme.name}</Link>
                  </td>
                  <td className="money">{withUnit(benefit.baselineValue, benefit.unit)}</td>
                  <td className="money">
                    {benefit.latestReading
                      ? `${withUnit(benefit.latestReading.value, benefit.unit)} (${formatDate(benefit.latestReading.readOn)})`
                      : "No reading yet"}
                  </td>
                  <td className="money">{benefit.targetText ?? withUnit(benefit.targetValue, benefit.unit)}</td>
                  <td>{benefit.expectedBy ? formatDate(benefit.expectedBy) : "—"}</td>
                  <td>{benefit.expectedBy ? timeTo(benefit.expectedBy, today) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** The Reconciliation page's findings of one kind, on the same programmes (it has no status filter). */
function findings(filters: DashboardFilters, code: string): string {
  const { status: _status, ...shared } = filters;
  return `/reconciliation?${new URLSearchParams({ ...shared, code })}`;
}

/** "in 5 months", "due now", "4 months ago": how far off a benefit's expected date is. */
function timeTo(expectedBy: string, today: string): string {
  const months = Math.round((Date.parse(expectedBy) - Date.parse(today)) / (86_400_000 * 30.4375));
  if (months === 0) return "due now";
  const count = `${Math.abs(months)} ${Math.abs(months) === 1 ? "month" : "months"}`;
  return months > 0 ? `in ${count}` : `${count} ago`;
}

const DIRECTION_WORDS = { increase: "should go up", decrease: "should go down", achieve: "to be achieved" } as const;

function withUnit(value: string | null, unit: string): string {
  return value === null ? "—" : measurementInWords(value, unit);
}

/** The filters chosen, in words, for the page and its printed "as at" line. */
function describeFilters(filters: DashboardFilters, names: Record<string, string>): string[] {
  return [
    filters.organisationId && `council ${names[filters.organisationId] ?? "chosen"}`,
    filters.funderId && `funder ${names[filters.funderId] ?? "chosen"}`,
    filters.financialYear && `financial year ${filters.financialYear}`,
    filters.status && `status ${STATUS_NAMES[filters.status as keyof typeof STATUS_NAMES] ?? filters.status}`,
    filters.programmeId && "one programme",
  ].filter((part): part is string => Boolean(part));
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
