/** How a list is ordered: by which column, and which way, kept in the address with its filters. */
export function SortSelect({
  id,
  options,
  sort,
  direction,
  onChange,
}: {
  id: string;
  options: readonly { value: string; label: string }[];
  sort: string;
  direction: string;
  onChange: (name: "sort" | "direction", value: string) => void;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select id={`${id}-sort`} value={sort} onChange={(event) => onChange("sort", event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-direction`}>Order</label>
        <select
          id={`${id}-direction`}
          value={direction}
          onChange={(event) => onChange("direction", event.target.value)}
        >
          <option value="desc">Newest or largest first</option>
          <option value="asc">Oldest, smallest or A first</option>
        </select>
      </div>
    </>
  );
}
