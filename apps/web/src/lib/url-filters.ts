import { useSearchParams } from "react-router";

/**
 * Filters kept in the address (`?funderId=…&financialYear=2021/22`): a view can be shared as a
 * link and survives a reload, and each change is a step the back button undoes.
 */
export function useUrlFilters<Name extends string>(names: readonly Name[]) {
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(
    names.flatMap((name) => {
      const value = search.get(name);
      return value ? [[name, value]] : [];
    }),
  ) as Partial<Record<Name, string>>;
  const setFilter = (name: Name, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    // A different filter is a different list: it starts again at its first page.
    if (name !== "page") next.delete("page");
    setSearch(next);
  };
  return { filters, setFilter };
}
