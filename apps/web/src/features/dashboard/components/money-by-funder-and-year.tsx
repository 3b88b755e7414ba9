import { formatPence, penceAsDecimal } from "@fundline/domain";
import type { DashboardResponse } from "@fundline/schemas";
import { EmptyState } from "../../../components/page/page-states.tsx";
import { PairedBarChart } from "../../../components/ui/charts.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { CsvDownload } from "../../../components/ui/csv-download.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";

export function ByFunder({
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

export function ByYear({ rows, funderChosen }: { rows: DashboardResponse["byYear"]; funderChosen: boolean }) {
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
