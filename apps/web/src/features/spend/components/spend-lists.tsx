import { can, formatDate } from "@fundline/domain";
import type { ProgrammeDetail, SpendListResponse } from "@fundline/schemas";
import { useId, useState } from "react";
import { Link } from "react-router";
import { MoneyListPage } from "../../../components/page/money-list-page.tsx";
import { NoneYet, QuerySection } from "../../../components/page/page-states.tsx";
import { StartFromProgramme } from "../../../components/page/start-from-programme.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { YearFilter } from "../../../components/ui/filter-select.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { Pager } from "../../../components/ui/pager.tsx";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { SortSelect } from "../../../components/ui/sort-select.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { useProgrammeChoices } from "../../programme-frame/index.ts";
import { useChangesMoneyOf, useSession } from "../../session/index.ts";
import { spendSearch, useSpend } from "../api/spend.ts";

const SORTS = [
  { value: "spentOn", label: "Date paid" },
  { value: "amountPence", label: "Amount" },
  { value: "supplierName", label: "Supplier" },
  { value: "createdAt", label: "Date recorded" },
];

/** The programme's payments and credit notes, newest first, each with its corrections. */
export function ProgrammePaymentsSection({ programme }: { programme: ProgrammeDetail }) {
  const session = useSession();
  const canWrite = can(session.user.role, "money.write");
  const [page, setPage] = useState(1);
  const filters = { programmeId: programme.id, sort: "spentOn", direction: "desc", pageSize: "20" };
  const spend = useSpend({ ...filters, page: String(page) });
  const add = `/programmes/${programme.id}/spend/new`;
  return (
    <Section id="payments" title="Payments" action={canWrite ? { to: add, label: "Record a payment" } : null}>
      <QuerySection query={spend} what="the payments">
        {(list) =>
          list.total === 0 ? (
            <NoneYet what="payments" addTo={canWrite ? add : null} />
          ) : (
            <>
              <SpendTable
                list={list}
                canWrite={canWrite}
                showProgramme={false}
                showOwner={programme.partners.length > 0}
              />
              <Pager
                label="Pages of payments"
                page={list.page}
                pageSize={list.pageSize}
                total={list.total}
                onPage={setPage}
              />
              <DownloadLinks path={`/api/spend?${spendSearch({ programmeId: programme.id })}`} what="the payments" />
            </>
          )
        }
      </QuerySection>
    </Section>
  );
}

const FILTERS = ["financialYear", "sort", "direction", "page"] as const;

/** Every payment in the council's scope, by financial year, sorted as asked. */
export function SpendPage() {
  const id = useId();
  const session = useSession();
  const { filters, setFilter } = useUrlFilters(FILTERS);
  const { page = "1", ...listFilters } = filters;
  const query = { sort: "spentOn", direction: "desc", ...listFilters };
  const spend = useSpend({ ...query, page: String(Number(page) || 1) });
  return (
    <MoneyListPage
      title="Spend"
      intro={
        <>
          <p>Payments and credit notes, whether entered by hand or imported from the ledger.</p>
          {session.permissions.includes("money.write") && <RecordPayment />}
        </>
      }
      filtersLabel="Filter and sort the spend"
      filters={
        <>
          <YearFilter
            id={`${id}-year`}
            value={filters.financialYear ?? ""}
            onChange={(value) => setFilter("financialYear", value)}
          />
          <SortSelect id={id} options={SORTS} sort={query.sort} direction={query.direction} onChange={setFilter} />
        </>
      }
      list={spend}
      what="payments"
      onPage={(next) => setFilter("page", String(next))}
      downloadPath={`/api/spend?${spendSearch(query)}`}
    >
      {(list) => <SpendTable list={list} canWrite={can(session.user.role, "money.write")} showProgramme showOwner />}
    </MoneyListPage>
  );
}

function RecordPayment() {
  const programmes = useProgrammeChoices();
  return (
    <StartFromProgramme
      action="Record a payment"
      programmes={programmes.data?.programmes ?? []}
      formPath={(programmeId) => `/programmes/${programmeId}/spend/new`}
    />
  );
}

function SpendTable({
  list,
  canWrite,
  showProgramme,
  showOwner,
}: {
  list: SpendListResponse;
  canWrite: boolean;
  showProgramme: boolean;
  /** Whose books each payment is in: only a shared programme's come from more than one council. */
  showOwner: boolean;
}) {
  const first = (list.page - 1) * list.pageSize + 1;
  const changes = useChangesMoneyOf();
  return (
    <TableRegion label="Payments">
      <table>
        <caption>
          {list.total > list.spend.length
            ? `Payments ${first}–${first + list.spend.length - 1} of ${list.total.toLocaleString("en-GB")}`
            : `${list.total} ${list.total === 1 ? "payment" : "payments"}`}{" "}
          (credit notes negative)
        </caption>
        <ColumnHeaders
          columns={[
            "Paid",
            "Supplier",
            ...(showProgramme ? ["Programme"] : []),
            "Cost line",
            "Paid from",
            "Reference",
            ...(showOwner ? ["In the books of"] : []),
            { figures: "Amount" },
            ...(canWrite ? ["Change"] : []),
          ]}
        />
        <tbody>
          {list.spend.map((payment) => {
            const base = `/programmes/${payment.programme.id}/spend/${payment.id}`;
            const named = `${payment.supplierName}, ${formatDate(payment.spentOn)}`;
            return (
              <tr key={payment.id} id={`payment-${payment.id}`}>
                <th scope="row">{formatDate(payment.spentOn)}</th>
                <td>{payment.paidToIndividual ? "Individual (withheld)" : payment.supplierName}</td>
                {showProgramme && (
                  <td>
                    <Link to={`/programmes/${payment.programme.id}`}>{payment.programme.name}</Link>
                  </td>
                )}
                <td>{payment.costLine.name}</td>
                <td>
                  {payment.commitment ? (
                    <Link to={`/commitments/${payment.commitment.id}`}>{payment.commitment.title}</Link>
                  ) : (
                    "Shared"
                  )}
                </td>
                <td>{payment.reference ?? "—"}</td>
                {showOwner && <td>{payment.owner.name}</td>}
                <td className="money">
                  <Money pence={payment.amountPence} />
                </td>
                {canWrite && (
                  <td className="actions">
                    <RowActions
                      about={`the payment to ${named}`}
                      ownedBy={changes(payment.owner.id) ? null : payment.owner.name}
                      links={[
                        [`${base}/edit`, "Correct"],
                        [`${base}/retire`, "Retire"],
                      ]}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
