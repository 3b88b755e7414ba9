import { formatDate } from "@fundline/domain";
import { useId } from "react";
import { Link } from "react-router";
import { MoneyTabs } from "../../../components/page/money-tabs.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, QuerySection } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { FilterSelect, RECENT_FINANCIAL_YEARS } from "../../../components/ui/filter-select.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useReceipts } from "../api/receipts.ts";

const FILTERS = ["financialYear", "sort", "direction", "page"] as const;
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
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <h2>Receipts</h2>
      <p>Money that has arrived from funders. To record one, open its commitment.</p>
      <fieldset className="record-filters no-print">
        <legend className="visually-hidden">Filter and sort the receipts</legend>
        <FilterSelect
          id={`${id}-year`}
          label="Financial year"
          value={filters.financialYear ?? ""}
          options={RECENT_FINANCIAL_YEARS}
          names={Object.fromEntries(RECENT_FINANCIAL_YEARS.map((year) => [year, year]))}
          onChange={(value) => setFilter("financialYear", value)}
        />
        <SortSelect id={id} options={SORTS} sort={query.sort} direction={query.direction} onChange={setFilter} />
      </fieldset>
      <QuerySection query={receipts} what="the receipts">
        {(list) =>
          list.total === 0 ? (
            <EmptyState>No receipts match these filters.</EmptyState>
          ) : (
            <>
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
              <Pager
                label="Pages of receipts"
                page={list.page}
                pageSize={list.pageSize}
                total={list.total}
                onPage={(next) => setFilter("page", String(next))}
              />
              <DownloadLinks path={`/api/receipts?${new URLSearchParams(query)}`} what="these receipts" />
            </>
          )
        }
      </QuerySection>
    </>
  );
}
