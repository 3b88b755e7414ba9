import { financialYearBounds, fromIsoDate, parseFinancialYearLabel } from "@fundline/domain";
import { ErrorResponse } from "@fundline/schemas";
import { RuleBroken } from "../errors.ts";

type PageQuery = { page: number; pageSize: number; direction: "asc" | "desc" };

/**
 * One page of a list and the count of everything that matches, run side by side. Both queries
 * get the same `where`; the order always ends with `id` so pages never overlap or skip a row.
 */
export async function listPage<Row, Shown>(
  query: PageQuery,
  load: {
    count: () => Promise<number>;
    rows: (window: { skip: number; take: number }) => Promise<Row[]>;
    show: (row: Row) => Shown;
  },
): Promise<{ items: Shown[]; total: number; page: number; pageSize: number }> {
  const [total, rows] = await Promise.all([
    load.count(),
    load.rows({ skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return { items: rows.map(load.show), total, page: query.page, pageSize: query.pageSize };
}

/** `[{ <sort>: direction }, { id: "asc" }]`: the requested order, then a stable tie-break. */
export function orderOf<Sort extends string>(query: PageQuery & { sort: Sort }) {
  return [{ [query.sort]: query.direction } as Record<Sort, "asc" | "desc">, { id: "asc" as const }];
}

/** A financial year label as its start year, or a 422 naming the query field. */
export function yearOf(label: string): number {
  try {
    return parseFinancialYearLabel(label);
  } catch (error) {
    throw new RuleBroken([{ path: "query.financialYear", message: (error as Error).message }]);
  }
}

/**
 * The first and last day asked for by `from`/`to` and/or `financialYear` (their overlap when
 * both are given); either is undefined when unbounded.
 */
export function windowBounds(query: { financialYear?: string; from?: string; to?: string }) {
  const year = query.financialYear ? financialYearBounds(yearOf(query.financialYear)) : undefined;
  const from = [query.from, year?.firstDay]
    .filter((day) => day !== undefined)
    .sort()
    .at(-1);
  const to = [query.to, year?.lastDay]
    .filter((day) => day !== undefined)
    .sort()
    .at(0);
  return { from, to };
}

/** The same window as a Prisma date filter, or undefined when unbounded. */
export function dateWindow(query: { financialYear?: string; from?: string; to?: string }) {
  const { from, to } = windowBounds(query);
  if (!from && !to) return undefined;
  return { gte: fromIsoDate(from), lte: fromIsoDate(to) };
}

/** The error responses every list route can give. */
export const listErrors = { 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };
