import { useId } from "react";
import { Link } from "react-router";
import { MoneyListPage } from "../../../components/page/money-list-page.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { FunderFilter } from "../../organisations/index.ts";
import { useAllocations } from "../api/allocations.ts";

const FILTERS = ["funderId", "sort", "direction", "page"] as const;
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
    <MoneyListPage
      title="Allocations"
      intro={
        <p>
          Funding commitments allocated to programmes' cost lines. To allocate, open the programme or the commitment.
        </p>
      }
      filtersLabel="Filter and sort the allocations"
      filters={
        <>
          <FunderFilter
            id={`${id}-funder`}
            value={filters.funderId ?? ""}
            onChange={(value) => setFilter("funderId", value)}
          />
          <SortSelect id={id} options={SORTS} sort={query.sort} direction={query.direction} onChange={setFilter} />
        </>
      }
      list={allocations}
      what="allocations"
      onPage={(next) => setFilter("page", String(next))}
      downloadPath={`/api/allocations?${new URLSearchParams(query)}`}
    >
      {(list) => (
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
      )}
    </MoneyListPage>
  );
}
