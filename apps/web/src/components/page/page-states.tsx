import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../../lib/api-client.ts";
import { PageHeading } from "./page-heading.tsx";

/** Loading: said to screen readers once, shown as a quiet line. */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

/** Something failed to load: what, in words, and a way to try again. */
export function LoadFailure({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <div className="load-failure" role="alert">
      <p>
        {capitalised(what)} could not be loaded. {error.message}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Nothing here yet, and what to do about it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

/** The page for an address that leads nowhere, or a record that does not exist for this user. */
export function NotFound({ what = "page" }: { what?: string }) {
  return (
    <>
      <PageHeading>{what === "page" ? "Page not found" : `${capitalised(what)} not found`}</PageHeading>
      <p>
        {what === "page"
          ? "If you typed the address, check it is correct. If you followed a link, it may be out of date."
          : `There is no ${what} at this address that you can see. It may have been removed, or belong to a programme your council is not part of.`}
      </p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}

/** A page this user's role cannot open: said plainly, not shown as another page. */
export function NotAllowed({ what }: { what: string }) {
  return (
    <>
      <PageHeading>You cannot open this page</PageHeading>
      <p>Your role does not include {what}. If you need it, ask an administrator at your council.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}

/**
 * A page's data, in its four states: loading, failed (with Try again), not found (a 404, or an
 * id that cannot exist), and ready.
 */
export function QueryPage<Data>(props: QueryStateProps<Data>) {
  const { query, what } = props;
  if (query.isError && isNotFound(query.error)) return <NotFound what={what} />;
  if (query.isError) {
    return (
      <>
        <PageHeading>{capitalised(what)}</PageHeading>
        <QuerySection {...props} what={`The ${what}`} />
      </>
    );
  }
  return <QuerySection {...props} />;
}

type QueryStateProps<Data> = {
  query: UseQueryResult<Data, Error>;
  what: string;
  children: (data: Data) => ReactNode;
};

/** A section's data inside a page that has already loaded: loading, failed with Try again, ready. */
export function QuerySection<Data>({ query, what, children }: QueryStateProps<Data>) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <LoadFailure what={what} error={query.error} onRetry={() => void query.refetch()} />;
  // While a new filter or page loads, the last figures stay on screen (no flash of "Loading"),
  // marked busy and said to be updating, so nobody takes them for the answer to what they chose.
  return (
    <div className="query-section" aria-busy={query.isPlaceholderData}>
      {query.isPlaceholderData && (
        <p role="status" className="loading updating">
          Updating {what}…
        </p>
      )}
      {children(query.data)}
    </div>
  );
}

/** "No risks yet — add the first", or without the link for someone who cannot add one. */
export function NoneYet({ what, addTo }: { what: string; addTo: string | null }) {
  return (
    <EmptyState>
      No {what} yet
      {addTo ? (
        <>
          {" "}
          — <Link to={addTo}>add the first</Link>
        </>
      ) : (
        "."
      )}
    </EmptyState>
  );
}

/** 404, or a 400 on the id in the address: either way there is nothing here to show. */
function isNotFound(error: Error): boolean {
  return (
    error instanceof ApiError &&
    (error.statusCode === 404 ||
      (error.statusCode === 400 && error.fields.some((field) => field.path.startsWith("params"))))
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
