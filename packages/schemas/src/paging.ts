import { MAX_COUNT } from "@fundline/domain";
import { z } from "zod";
import { DateInput, FinancialYearLabel } from "./common.ts";

// Query strings arrive as text: paging numbers are parsed from it; money never is.
export const Paging = {
  page: z.coerce.number().int().min(1).max(MAX_COUNT).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  direction: z.enum(["asc", "desc"]).default("asc"),
  includeRetired: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
};

/** Paging for lists of records that are never retired. */
export const { includeRetired: _includeRetired, ...PagingWithoutRetired } = Paging;

/** A date range, or a financial year (`2021/22`), or both (their overlap). */
export const DateWindow = {
  financialYear: FinancialYearLabel.optional(),
  from: DateInput.optional(),
  to: DateInput.optional(),
};

/** `{ <items>: [...], total, page, pageSize }`: one page of a list and how many match in all. */
export function pageOf<Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  return z.object({
    ...({ [key]: z.array(item) } as Record<Key, z.ZodArray<Item>>),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** When a record was retired, or null while it is live. */
export const RetiredAt = z.string().nullable();
