import { financialYearLabel, financialYearOf } from "@fundline/domain";

// From next year's back to 2000/01: the years council programmes in Fundline run in.
export const RECENT_FINANCIAL_YEARS = Array.from({ length: financialYearOf(new Date()) + 2 - 2000 }, (_, index) =>
  financialYearLabel(financialYearOf(new Date()) + 1 - index),
);

/** One filter: "Any", or one of the values by its name. */
export function FilterSelect<Value extends string>({
  id,
  label,
  value,
  options,
  names,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly Value[];
  names: Record<Value, string>;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {names[option]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Financial year: Any, or one of them" (1 April to 31 March), newest first. */
export function YearFilter({
  id,
  label = "Financial year",
  value,
  onChange,
}: {
  id: string;
  label?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FilterSelect
      id={id}
      label={label}
      value={value}
      options={RECENT_FINANCIAL_YEARS}
      names={Object.fromEntries(RECENT_FINANCIAL_YEARS.map((year) => [year, year]))}
      onChange={onChange}
    />
  );
}
