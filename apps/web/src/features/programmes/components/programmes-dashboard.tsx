import type { ProgrammeListResponse, ProgrammeSummary } from "@fundline/schemas";
import { useState } from "react";
import { Link } from "react-router";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { PairedBarChart } from "../../../components/ui/paired-bar-chart.tsx";
import { useProgrammes } from "../api/get-programmes.ts";

const STATUS_LABELS: Record<ProgrammeSummary["status"], string> = {
  proposed: "Proposed",
  bid_submitted: "Bid submitted",
  approved: "Approved",
  unsuccessful: "Unsuccessful",
  active: "Active",
  closed: "Closed",
};

export function ProgrammesDashboard() {
  const [page, setPage] = useState(1);
  const programmes = useProgrammes(page);

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
          <PairedBarChart
            label="Bar chart: committed against spent for each programme. The same figures are in the table below."
            rows={programmes.data.programmes}
            category="name"
            bars={[
              { pence: "committedPence", name: "Committed", colour: "var(--colour-committed)" },
              { pence: "spentPence", name: "Spent", colour: "var(--colour-spent)" },
            ]}
          />
          <ProgrammesTable list={programmes.data} />
          <Pager
            label="Pages of programmes"
            page={programmes.data.page}
            pageSize={programmes.data.pageSize}
            total={programmes.data.total}
            onPage={setPage}
          />
          <DownloadLinks path="/api/programmes" what="the programmes" />
        </>
      )}
    </>
  );
}

function ProgrammesTable({ list }: { list: ProgrammeListResponse }) {
  const first = (list.page - 1) * list.pageSize + 1;
  const range =
    list.total > list.programmes.length
      ? `Programmes ${first}–${first + list.programmes.length - 1} of ${list.total.toLocaleString("en-GB")}`
      : `${list.total} programmes`;
  return (
    <table aria-describedby="chart-heading">
      <caption>{range}: money committed, allocated and spent</caption>
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
        {list.programmes.map((programme) => (
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
            All {list.total.toLocaleString("en-GB")} programmes
          </th>
          <td className="money">
            <Money pence={list.totals.committedPence} />
          </td>
          <td className="money">
            <Money pence={list.totals.allocatedPence} />
          </td>
          <td className="money">
            <Money pence={list.totals.spentPence} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
