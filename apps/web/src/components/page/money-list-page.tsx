import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { DownloadLinks } from "../ui/download-links.tsx";
import { Pager } from "../ui/pager.tsx";
import { MoneyTabs } from "./money-tabs.tsx";
import { PageHeading } from "./page-heading.tsx";
import { EmptyState, QuerySection } from "./page-states.tsx";

type Page = { total: number; page: number; pageSize: number };

/**
 * One list of money records (commitments, receipts, allocations, spend): the section's tabs,
 * what the list holds, its filters and sort, then a page of rows, the pager and the downloads
 * of every row the filters match.
 */
export function MoneyListPage<List extends Page>({
  title,
  intro,
  filtersLabel,
  filters,
  list,
  what,
  onPage,
  downloadPath,
  children,
}: {
  title: string;
  intro: ReactNode;
  /** What the filters are called, for screen readers: "Filter and sort the receipts". */
  filtersLabel: string;
  filters: ReactNode;
  list: UseQueryResult<List, Error>;
  /** The records, in words: "receipts". */
  what: string;
  onPage: (page: number) => void;
  /** The list's API address with its filters, for the CSV and XLSX downloads. */
  downloadPath: string;
  children: (list: List) => ReactNode;
}) {
  return (
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <h2>{title}</h2>
      {intro}
      <fieldset className="record-filters no-print">
        <legend className="visually-hidden">{filtersLabel}</legend>
        {filters}
      </fieldset>
      <QuerySection query={list} what={`the ${what}`}>
        {(shown) =>
          shown.total === 0 ? (
            <EmptyState>No {what} match these filters.</EmptyState>
          ) : (
            <>
              {children(shown)}
              <Pager
                label={`Pages of ${what}`}
                page={shown.page}
                pageSize={shown.pageSize}
                total={shown.total}
                onPage={onPage}
              />
              <DownloadLinks path={downloadPath} what={`these ${what}`} />
            </>
          )
        }
      </QuerySection>
    </>
  );
}
