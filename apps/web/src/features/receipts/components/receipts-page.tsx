import { formatDate } from "@fundline/domain";
import { useId } from "react";
import { Link } from "react-router";
import { MoneyListPage } from "../../../components/page/money-list-page.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { YearFilter } from "../../../components/ui/filter-select.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { FunderFilter } from "../../organisations/index.ts";
import { useReceipts } from "../api/receipts.ts";

const FILTERS = ["funderId", "financialYear", "sort", "direction", "page"] as const;
const SORTS = [
  { value: "receivedOn", label: "Date received" },
  { value: "amountPence", label: "Amount" },
  { value: "createdAt", label: "Date recorded" },
];

/** What has arrived from funders, against which commitment. */
export function ReceiptsPage() {
  const id = useId();
  const { filters, setFilter } = useUrlFilters(FILTERS);
  const { page = "1", ...listFilters } = filters;
  const query = { sort: "receivedOn", direction: "desc", ...listFilters };
  const receipts = useReceipts({ ...query, page: String(Number(page) || 1) });
  return (
    <MoneyListPage
      title="Receipts"
      intro={<p>Money that has arrived from funders. To record one, open its commitment.</p>}
      filtersLabel="Filter and sort the receipts"
      filters={
        <>
          <FunderFilter
            id={`${id}-funder`}
            value={filters.funderId ?? ""}
            onChange={(value) => setFilter("funderId", value)}
          />
          <YearFilter
            id={`${id}-year`}
            value={filters.financialYear ?? ""}
            onChange={(value) => setFilter("financialYear", value)}
          />
          <SortSelect id={id} options={SORTS} sort={query.sort} direction={query.direction} onChange={setFilter} />
        </>
      }
      list={receipts}
      what="receipts"
      onPage={(next) => setFilter("page", String(next))}
      downloadPath={`/api/receipts?${new URLSearchParams(query)}`}
    >
      {(list) => (
        <TableRegion label="Receipts">
          <table>
            <caption>{`${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "receipt" : "receipts"}`}</caption>
            <ColumnHeaders columns={["Received", "Commitment", "Funder", "Reference", { figures: "Amount" }]} />
            <tbody>
              {list.receipts.map((receipt) => (
                <tr key={receipt.id}>
                  <th scope="row">{formatDate(receipt.receivedOn)}</th>
                  <td>
                    <Link to={`/commitments/${receipt.commitment.id}`}>{receipt.commitment.title}</Link>
                  </td>
                  <td>{receipt.funder.name}</td>
                  <td>{receipt.reference ?? "—"}</td>
                  <td className="money">
                    <Money pence={receipt.amountPence} />
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
