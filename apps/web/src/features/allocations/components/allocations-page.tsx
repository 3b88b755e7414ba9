import { useId } from "react";
import { Link } from "react-router";
import { MoneyTabs } from "../../../components/page/money-tabs.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useAllocations } from "../api/allocations.ts";

const FILTERS = ["sort", "direction", "page"] as const;
const SORTS = [
  { value: "createdAt", label: "Date recorded" },
  { value: "amountPence", label: "Amount" },
];

/** Which commitment pays for which cost line, and how much. */
export function AllocationsPage() {
  const id = useId();
  const { filters, setFilter } = useUrlFilters(FILTERS);
  const { page = "1", ...listFilters } = filters;
  const query = { sort: "createdAt", direction: "desc", ...listFilters };
  const allocations = useAllocations({ ...query, page: String(Number(page) || 1) });
  return (
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <h2>Allocations</h2>
      <p>Funding commitments allocated to programmes' cost lines. To allocate, open the programme or the commitment.</p>
      <fieldset className="record-filters no-print">
        <legend className="visually-hidden">Sort the allocations</legend>
        <SortSelect id={id} options={SORTS} sort={query.sort} direction={query.direction} onChange={setFilter} />
      </fieldset>
      <QuerySection query={allocations} what="the allocations">
        {(list) =>
          list.total === 0 ? (
            <EmptyState>No allocations yet.</EmptyState>
          ) : (
            <>
              <TableRegion label="Allocations">
                <table>
                  <caption>{`${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "allocation" : "allocations"}`}</caption>
                  <ColumnHeaders columns={["Commitment", "Programme", "Cost line", "Note", { figures: "Amount" }]} />
                  <tbody>
                    {list.allocations.map((allocation) => (
                      <tr key={allocation.id}>
                        <th scope="row">
                          <Link to={`/commitments/${allocation.commitment.id}`}>{allocation.commitment.title}</Link>
                        </th>
                        <td>
                          <Link to={`/programmes/${allocation.programme.id}#money`}>{allocation.programme.name}</Link>
                        </td>
                        <td>{allocation.costLine.name}</td>
                        <td>{allocation.note ?? "—"}</td>
                        <td className="money">
                          <Money pence={allocation.amountPence} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <Pager
                label="Pages of allocations"
                page={list.page}
                pageSize={list.pageSize}
                total={list.total}
                onPage={(next) => setFilter("page", String(next))}
              />
              <DownloadLinks path={`/api/allocations?${new URLSearchParams(query)}`} what="these allocations" />
            </>
          )
        }
      </QuerySection>
    </>
  );
}
