import type { ProgrammeListResponse } from "@fundline/schemas";
import { useState } from "react";
import { Link } from "react-router";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { PairedBarChart } from "../../../components/ui/charts.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { PROGRAMME_STATUS, type ProgrammeFilters, useProgrammes } from "../../programme-frame/index.ts";

/** Every programme in the user's scope with its money, a chart and the same figures in a table. */
export function ProgrammesOverview({ filters = {} }: { filters?: ProgrammeFilters }) {
  const [page, setPage] = useState(1);
  const programmes = useProgrammes(page, filters);
  return (
    <QuerySection query={programmes} what="programmes">
      {(list) =>
        list.total === 0 ? (
          <EmptyState>There are no programmes for your council yet. An administrator adds them.</EmptyState>
        ) : (
          <>
            <h2 id="chart-heading">Committed against spent</h2>
            <PairedBarChart
              label="Bar chart: committed against spent for each programme. The same figures are in the table below."
              rows={list.programmes}
              category="name"
              bars={[
                { pence: "committedPence", name: "Committed", colour: "var(--colour-committed)" },
                { pence: "spentPence", name: "Spent", colour: "var(--colour-spent)" },
              ]}
            />
            <ProgrammesTable list={list} funderChosen={Boolean(filters.funderId)} />
            <Pager
              label="Pages of programmes"
              page={list.page}
              pageSize={list.pageSize}
              total={list.total}
              onPage={setPage}
            />
            <DownloadLinks
              path={Object.keys(filters).length ? `/api/programmes?${new URLSearchParams(filters)}` : "/api/programmes"}
              what="the programmes"
            />
          </>
        )
      }
    </QuerySection>
  );
}

function ProgrammesTable({ list, funderChosen }: { list: ProgrammeListResponse; funderChosen: boolean }) {
  const first = (list.page - 1) * list.pageSize + 1;
  const range =
    list.total > list.programmes.length
      ? `Programmes ${first}–${first + list.programmes.length - 1} of ${list.total.toLocaleString("en-GB")}`
      : `${list.total} ${list.total === 1 ? "programme" : "programmes"}`;
  return (
    <TableRegion label="Programmes">
      <table aria-describedby="chart-heading">
        <caption>
          {range}: money committed, allocated and spent{funderChosen ? " (the chosen funder's own share)" : ""}
        </caption>
        <ColumnHeaders
          columns={[
            "Programme",
            "Lead",
            "Status",
            { figures: "Committed" },
            { figures: "Allocated" },
            { figures: "Spent" },
          ]}
        />
        <tbody>
          {list.programmes.map((programme) => (
            <tr key={programme.id}>
              <th scope="row">
                <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
              </th>
              <td>{programme.leadOrganisation.name}</td>
              <td>{PROGRAMME_STATUS[programme.status].label}</td>
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
              All {list.total.toLocaleString("en-GB")} {list.total === 1 ? "programme" : "programmes"}
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
    </TableRegion>
  );
}
