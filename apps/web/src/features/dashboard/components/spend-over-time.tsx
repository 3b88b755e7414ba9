import { formatDate, formatPence, penceAsDecimal } from "@fundline/domain";
import type { DashboardResponse } from "@fundline/schemas";
import { Link } from "react-router";
import { EmptyState } from "../../../components/page/page-states.tsx";
import { CumulativeChart } from "../../../components/ui/charts.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { CsvDownload } from "../../../components/ui/csv-download.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { monthName, spendOverTimePoints } from "./dashboard-words.ts";

export function SpendOverTime({ figures, funderChosen }: { figures: DashboardResponse; funderChosen: boolean }) {
  const { spendOverTime, forecast, headline } = figures;
  const byMonth = spendOverTime.period === "month";
  const periodName = (period: string) => (byMonth ? monthName(period) : period);
  const points = spendOverTimePoints(spendOverTime);
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
