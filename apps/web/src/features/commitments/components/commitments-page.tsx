import { formatDate } from "@fundline/domain";
import type { CommitmentListResponse } from "@fundline/schemas";
import { useId } from "react";
import { Link } from "react-router";
import { MoneyListPage } from "../../../components/page/money-list-page.tsx";
import { StartFromProgramme } from "../../../components/page/start-from-programme.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { FilterSelect, YearFilter } from "../../../components/ui/filter-select.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { FunderFilter } from "../../organisations/index.ts";
import { useProgrammeChoices } from "../../programme-frame/index.ts";
import { useSession } from "../../session/index.ts";
import { type CommitmentFilters, commitmentsSearch, useCommitments } from "../api/commitments.ts";
import { COMMITMENT_STATUS } from "./commitment-words.ts";

const FILTERS = ["funderId", "status", "financialYear", "unassigned", "sort", "direction", "page"] as const;
const SORTS = [
  { value: "awardedOn", label: "Date awarded" },
  { value: "amountPence", label: "Amount" },
  { value: "title", label: "Title" },
  { value: "createdAt", label: "Date recorded" },
];
const TIED = { true: "Not tied to a programme yet", false: "Any" } as const;

/**
 * Every funding commitment in the council's scope: filtered by funder, status, year and whether
 * it is tied to a programme yet (grants imported from a funder's file wait here to be placed).
 */
export function CommitmentsPage() {
  const id = useId();
  const { filters, setFilter } = useUrlFilters(FILTERS);
  const { page = "1", ...listFilters } = filters;
  const query: CommitmentFilters = { sort: "awardedOn", direction: "desc", ...listFilters };
  const commitments = useCommitments(Number(page) || 1, query);
  return (
    <MoneyListPage
      title="Funding commitments"
      intro={
        <>
          <p>Grants imported from a funder's 360Giving file arrive here, not yet tied to a programme.</p>
          <RecordCommitment />
        </>
      }
      filtersLabel="Filter and sort the commitments"
      filters={
        <>
          <FunderFilter
            id={`${id}-funder`}
            value={filters.funderId ?? ""}
            onChange={(value) => setFilter("funderId", value)}
          />
          <FilterSelect
            id={`${id}-status`}
            label="Status"
            value={filters.status ?? ""}
            options={Object.keys(COMMITMENT_STATUS) as (keyof typeof COMMITMENT_STATUS)[]}
            names={COMMITMENT_STATUS}
            onChange={(value) => setFilter("status", value)}
          />
          <YearFilter
            id={`${id}-year`}
            label="Profiled in"
            value={filters.financialYear ?? ""}
            onChange={(value) => setFilter("financialYear", value)}
          />
          <FilterSelect
            id={`${id}-tied`}
            label="Programme"
            value={filters.unassigned === "true" ? "true" : ""}
            options={["true"] as const}
            names={TIED}
            onChange={(value) => setFilter("unassigned", value)}
          />
          <SortSelect
            id={id}
            options={SORTS}
            sort={query.sort ?? "awardedOn"}
            direction={query.direction ?? "desc"}
            onChange={setFilter}
          />
        </>
      }
      list={commitments}
      what="commitments"
      onPage={(next) => setFilter("page", String(next))}
      downloadPath={`/api/commitments?${commitmentsSearch(query)}`}
    >
      {(list) => <CommitmentsTable list={list} />}
    </MoneyListPage>
  );
}

/** For those who may write money: choose the programme, then its commitment form. */
function RecordCommitment() {
  const session = useSession();
  const programmes = useProgrammeChoices();
  if (!session.permissions.includes("money.write")) return null;
  return (
    <StartFromProgramme
      action="Record a funding commitment"
      programmes={programmes.data?.programmes ?? []}
      formPath={(programmeId) => `/programmes/${programmeId}/commitments/new`}
    />
  );
}

function CommitmentsTable({ list }: { list: CommitmentListResponse }) {
  const first = (list.page - 1) * list.pageSize + 1;
  return (
    <TableRegion label="Commitments">
      <table>
        <caption>
          {list.total > list.commitments.length
            ? `Commitments ${first}–${first + list.commitments.length - 1} of ${list.total.toLocaleString("en-GB")}`
            : `${list.total} ${list.total === 1 ? "commitment" : "commitments"}`}
        </caption>
        <ColumnHeaders
          columns={[
            "Commitment",
            "Programme",
            "Funder",
            "Status",
            "Awarded",
            { figures: "Amount" },
            { figures: "Received" },
            { figures: "Allocated" },
          ]}
        />
        <tbody>
          {list.commitments.map((commitment) => (
            <tr key={commitment.id}>
              <th scope="row">
                <Link to={`/commitments/${commitment.id}`}>{commitment.title}</Link>
              </th>
              <td>
                {commitment.programme ? (
                  <Link to={`/programmes/${commitment.programme.id}`}>{commitment.programme.name}</Link>
                ) : (
                  "Not tied yet"
                )}
              </td>
              <td>{commitment.funder.name}</td>
              <td>{COMMITMENT_STATUS[commitment.status]}</td>
              <td>{commitment.awardedOn ? formatDate(commitment.awardedOn) : "—"}</td>
              <td className="money">
                <Money pence={commitment.amountPence} />
              </td>
              <td className="money">
                <Money pence={commitment.receivedPence} />
              </td>
              <td className="money">
                <Money pence={commitment.allocatedPence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
