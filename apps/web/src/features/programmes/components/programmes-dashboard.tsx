import type { ProgrammeSummary } from "@fundline/schemas";
import { Link } from "react-router";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { useProgrammes } from "../api/get-programmes.ts";
import { CommittedSpentChart } from "./committed-spent-chart.tsx";

const STATUS_LABELS: Record<ProgrammeSummary["status"], string> = {
  proposed: "Proposed",
  bid_submitted: "Bid submitted",
  approved: "Approved",
  unsuccessful: "Unsuccessful",
  active: "Active",
  closed: "Closed",
};

export function ProgrammesDashboard() {
  const programmes = useProgrammes();

  return (
    <>
      <h1>Programmes</h1>
      {programmes.isPending && <p role="status">Loading programmes…</p>}
      {programmes.isError && (
        <p role="alert" className="error">
          Programmes could not be loaded: {programmes.error.message}
        </p>
      )}
      {programmes.isSuccess && (
        <>
          <h2 id="chart-heading">Committed against spent</h2>
          <CommittedSpentChart bars={programmes.data.programmes} />
          <ProgrammesTable programmes={programmes.data.programmes} />
          <DownloadLinks path="/api/programmes" what="the programmes" />
        </>
      )}
    </>
  );
}

function ProgrammesTable({ programmes }: { programmes: ProgrammeSummary[] }) {
  // Totals come from the API's per-programme figures; adding a handful of rows for a footer is display.
  const total = (field: "committedPence" | "allocatedPence" | "spentPence") =>
    programmes.reduce((sum, programme) => sum + programme[field], 0);
  return (
    <table aria-describedby="chart-heading">
      <caption>{programmes.length} programmes: money committed, allocated and spent</caption>
      <thead>
        <tr>
          <th scope="col">Programme</th>
          <th scope="col">Lead</th>
          <th scope="col">Status</th>
          <th scope="col" className="money">
            Committed
          </th>
          <th scope="col" className="money">
            Allocated
          </th>
          <th scope="col" className="money">
            Spent
          </th>
        </tr>
      </thead>
      <tbody>
        {programmes.map((programme) => (
          <tr key={programme.id}>
            <th scope="row">
              <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
            </th>
            <td>{programme.leadOrganisation.name}</td>
            <td>{STATUS_LABELS[programme.status]}</td>
            <td className="money">
              <Money pence={programme.committedPence} />
            </td>
            <td className="money">
              <Money pence={programme.allocatedPence} />
            </td>
            <td className="money">
              <Money pence={programme.spentPence} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            All programmes
          </th>
          <td className="money">
            <Money pence={total("committedPence")} />
          </td>
          <td className="money">
            <Money pence={total("allocatedPence")} />
          </td>
          <td className="money">
            <Money pence={total("spentPence")} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
