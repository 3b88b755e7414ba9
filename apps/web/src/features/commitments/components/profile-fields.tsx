import { formatPence } from "@fundline/domain";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { HintAndProblem, MoneyField, SelectField } from "../../../components/forms/fields.tsx";
import { useFieldId, useFieldLabel, useFieldProblem } from "../../../components/forms/schema-form.tsx";
import { RECENT_FINANCIAL_YEARS } from "../../../components/ui/filter-select.tsx";

const YEAR_OPTIONS = RECENT_FINANCIAL_YEARS.map((year) => ({ value: year, label: year }));

/**
 * A commitment's financial-year profile: one row a year, and beside it, as it is typed, what the
 * rows add up to against the amount and by how much they miss it.
 */
export function ProfileFields() {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "profile" });
  const profile = (useWatch({ control, name: "profile" }) ?? []) as { amountPence?: unknown }[];
  const amount = useWatch({ control, name: "amountPence" });
  useFieldLabel("profile", "The profile");
  const problem = useFieldProblem("profile");
  const id = useFieldId("profile");
  return (
    <fieldset
      className={problem ? "repeated-rows form-group-error" : "repeated-rows"}
      id={id}
      tabIndex={-1}
      aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
    >
      <legend>Financial-year profile</legend>
      <HintAndProblem
        id={id}
        hint="When the funder expects the money to be spent, a row a year (1 April to 31 March). Leave it empty if the funder gave no profile."
        problem={problem}
      />
      {fields.map((row, index) => (
        <div className="repeated-row" key={row.id}>
          <SelectField name={`profile.${index}.financialYear`} label={`Year ${index + 1}`} options={YEAR_OPTIONS} />
          <MoneyField name={`profile.${index}.amountPence`} label={`Amount in year ${index + 1}`} />
          <p>
            <button type="button" className="secondary" onClick={() => remove(index)}>
              Remove<span className="visually-hidden"> year {index + 1}</span>
            </button>
          </p>
        </div>
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => append({ financialYear: nextYear(fields as unknown as { financialYear: string }[]) })}
        >
          Add a year
        </button>
      </p>
      <ProfileSum profile={profile} amount={amount} />
    </fieldset>
  );
}

/** The year after the last row's, or this financial year for the first row. */
function nextYear(rows: { financialYear: string }[]): string {
  const last = rows.at(-1)?.financialYear;
  const index = last ? RECENT_FINANCIAL_YEARS.indexOf(last) : -1;
  // RECENT_FINANCIAL_YEARS runs newest first, starting with next year: [1] is this year.
  if (index < 0) return RECENT_FINANCIAL_YEARS[1] ?? RECENT_FINANCIAL_YEARS[0] ?? "";
  return RECENT_FINANCIAL_YEARS[Math.max(0, index - 1)] ?? last ?? "";
}

function ProfileSum({ profile, amount }: { profile: { amountPence?: unknown }[]; amount: unknown }) {
  if (profile.length === 0) return null;
  const amounts = profile.map((year) => year.amountPence);
  const readable = amounts.every((pence) => typeof pence === "number");
  if (!readable || typeof amount !== "number") {
    return (
      <p className="live-sum" aria-live="polite">
        The profile's total shows once the amount and every year's amount are filled in.
      </p>
    );
  }
  const total = (amounts as number[]).reduce((sum, pence) => sum + pence, 0);
  const difference = amount - total;
  return (
    <p className={difference === 0 ? "live-sum" : "live-sum live-sum-off"} aria-live="polite">
      The years add up to {formatPence(total)}
      {difference === 0
        ? ", the whole amount."
        : difference > 0
          ? `: ${formatPence(difference)} less than the amount of ${formatPence(amount)}.`
          : `: ${formatPence(-difference)} more than the amount of ${formatPence(amount)}.`}
    </p>
  );
}
