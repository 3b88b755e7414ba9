import { formatPence } from "@fundline/domain";
import type { ProgrammeDetail, ProgrammeReconciliation } from "@fundline/schemas";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { PairedBarChart } from "../../../components/ui/paired-bar-chart.tsx";
import { useProgramme } from "../../programmes/index.ts";
import { useProgrammeReconciliation } from "../api/programme-reconciliation.ts";
import { FindingsTable } from "./findings-table.tsx";

/**
 * One programme's money, reconciled to the penny: funding against cost, each commitment's
 * receipts, allocations and spend, each line's variance, each year's profile against spend and
 * each partner's share, with the findings that need explaining. Prints as a committee report.
 */
export function ProgrammeReconciliationPage() {
  const { id = "" } = useParams();
  const programme = useProgramme(id);
  const reconciliation = useProgrammeReconciliation(id);
  const failed = programme.error ?? reconciliation.error;
  if (failed) {
    return (
      <p role="alert" className="error">
        This programme could not be loaded: {failed.message}
      </p>
    );
  }
  if (!programme.data || !reconciliation.data) return <p role="status">Reconciling…</p>;
  return <Report programme={programme.data} reconciliation={reconciliation.data} />;
}

function Report({
  programme,
  reconciliation,
}: {
  programme: ProgrammeDetail;
  reconciliation: ProgrammeReconciliation;
}) {
  return (
    <article className="report">
      <h1>{programme.name}</h1>
      <p className="status">
        Led by {programme.leadOrganisation.name}
        {programme.startOn && programme.endOn ? `, ${longDate(programme.startOn)} to ${longDate(programme.endOn)}` : ""}
      </p>
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        Print this report
      </button>

      <FiguresTable
        caption="Funding against cost"
        figures={[
          [
            "Total cost",
            reconciliation.totalCostPence === null ? "not recorded" : formatPence(reconciliation.totalCostPence),
          ],
          ["Awarded funding", formatPence(reconciliation.committedPence)],
          [
            reconciliation.gapPence !== null && reconciliation.gapPence < 0 ? "Surplus" : "Shortfall",
            reconciliation.gapPence === null
              ? "no total cost to compare"
              : formatPence(Math.abs(reconciliation.gapPence)),
          ],
        ]}
      />

      <h2>Findings</h2>
      {reconciliation.flags.length === 0 ? (
        <p>Nothing to explain: every figure adds up.</p>
      ) : (
        <FindingsTable
          caption={`${reconciliation.flags.length} ${reconciliation.flags.length === 1 ? "finding" : "findings"}, most serious first`}
          flags={reconciliation.flags}
        />
      )}

      <h2>Funding commitments</h2>
      <MoneyTable
        caption="Each commitment's amount, what has been received and allocated, and the spend it pays for"
        nameHeading="Commitment"
        columns={["Amount", "Received", "Allocated", "Spent"]}
        rows={reconciliation.commitments.map((commitment) => ({
          key: commitment.id,
          name: commitment.title,
          note: commitment.overAllocated ? "over-allocated" : commitment.status,
          pence: [commitment.amountPence, commitment.receivedPence, commitment.allocatedPence, commitment.spentPence],
        }))}
        noteHeading="Status"
      />

      <h2>Cost lines</h2>
      <MoneyTable
        caption="Each cost line's allocation, spend and variance (negative: overspent)"
        nameHeading="Cost line"
        columns={["Allocated", "Spent", "Variance"]}
        rows={reconciliation.costLines.map((line) => ({
          key: line.id,
          name: line.name,
          pence: [line.allocatedPence, line.spentPence, line.variancePence],
        }))}
      />

      <h2>By financial year</h2>
      {reconciliation.financialYears.length > 0 && (
        <PairedBarChart
          label="Bar chart: funding profiled against spend in each financial year. The same figures are in the table below."
          rows={reconciliation.financialYears}
          category="financialYear"
          bars={[
            { pence: "profiledPence", name: "Profiled", colour: "var(--colour-committed)" },
            { pence: "spentPence", name: "Spent", colour: "var(--colour-spent)" },
          ]}
        />
      )}
      <MoneyTable
        caption="Funding profiled and spent in each financial year (1 April to 31 March)"
        nameHeading="Financial year"
        columns={["Profiled", "Spent"]}
        rows={reconciliation.financialYears.map((year) => ({
          key: year.financialYear,
          name: year.financialYear,
          pence: [year.profiledPence, year.spentPence],
        }))}
      />

      {reconciliation.costSharing.length > 0 && <h2>Cost sharing</h2>}
      {reconciliation.costSharing.map((agreement) => (
        <MoneyTable
          key={agreement.agreementId}
          caption={
            <>
              {agreement.name}: each partner's share of <Money pence={agreement.spentPence} /> spent
            </>
          }
          nameHeading="Partner"
          columns={["Due", "Paid", "Difference"]}
          rows={agreement.partners.map((partner) => ({
            key: partner.organisation.id,
            name: partner.organisation.name,
            note: `${partner.parts} ${partner.parts === 1 ? "part" : "parts"} (${partner.percentage}%)`,
            pence: [partner.duePence, partner.paidPence, partner.differencePence],
          }))}
          noteHeading="Share"
        />
      ))}
    </article>
  );
}

/** Rows named by their first cell, then figures in pence; an optional text column after the name. */
function MoneyTable({
  caption,
  nameHeading,
  columns,
  rows,
  noteHeading,
}: {
  caption: ReactNode;
  nameHeading: string;
  columns: string[];
  rows: { key: string; name: string; note?: string; pence: number[] }[];
  noteHeading?: string;
}) {
  if (rows.length === 0) return <p>None recorded.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeading}</th>
          {noteHeading && <th scope="col">{noteHeading}</th>}
          {columns.map((column) => (
            <th key={column} scope="col" className="money">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            {noteHeading && <td>{row.note}</td>}
            {row.pence.map((pence, index) => (
              <td key={columns[index]} className="money">
                <Money pence={pence} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `2022-04-01` as `1 April 2022`. */
function longDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
