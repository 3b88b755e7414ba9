import { FilterSelect } from "../../../components/ui/filter-select.tsx";
import { useFunders } from "../api/get-organisations.ts";

/** "Funder: Any, or one of them": funders only, never suppliers or councils that fund nothing. */
export function FunderFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const funders = useFunders().data?.organisations ?? [];
  return (
    <FilterSelect
      id={id}
      label="Funder"
      value={value}
      options={funders.map((funder) => funder.id)}
      names={Object.fromEntries(funders.map((funder) => [funder.id, funder.name]))}
      onChange={onChange}
    />
  );
}
