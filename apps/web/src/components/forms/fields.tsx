import { formatPence, isoDateFromParts, isoDateParts, readMoney } from "@fundline/domain";
import { type ReactNode, useEffect, useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { Unreadable } from "./field-words.ts";
import { useFieldId, useFieldLabel, useFieldProblem } from "./schema-form.tsx";

type FieldProps = { name: string; label: string; hint?: string };

/** Label, hint and error around one input, wired for screen readers (GOV.UK's form group). */
function FormGroup({
  name,
  label,
  hint,
  children,
}: FieldProps & {
  children: (described: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  useFieldLabel(name, label);
  const problem = useFieldProblem(name);
  const id = useFieldId(name);
  const describedBy = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={problem ? "form-group form-group-error" : "form-group"}>
      <label htmlFor={id}>{label}</label>
      <HintAndProblem id={id} hint={hint} problem={problem} />
      {children({ id, "aria-describedby": describedBy, ...(problem ? { "aria-invalid": true as const } : {}) })}
    </div>
  );
}

/** The hint under a label, then the field's problem, each with the id the input is described by. */
export function HintAndProblem({
  id,
  hint,
  problem,
}: {
  id: string;
  hint: string | undefined;
  problem: string | null;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-error`} className="error-message">
          <span className="visually-hidden">Error: </span>
          {problem}
        </p>
      )}
    </>
  );
}

export function TextField({
  width,
  secret,
  ...props
}: FieldProps & {
  width?: "short" | "full" /** A secret: not shown as typed, not offered by autofill. */;
  secret?: boolean;
}) {
  const { register } = useFormContext();
  return (
    <FormGroup {...props}>
      {(described) => (
        <input
          type={secret ? "password" : "text"}
          autoComplete={secret ? "new-password" : undefined}
          className={width === "short" ? "input-short" : undefined}
          {...described}
          {...register(props.name)}
        />
      )}
    </FormGroup>
  );
}

export function TextAreaField({ rows = 4, ...props }: FieldProps & { rows?: number }) {
  const { register } = useFormContext();
  return (
    <FormGroup {...props}>{(described) => <textarea rows={rows} {...described} {...register(props.name)} />}</FormGroup>
  );
}

/** A whole number ("12"); anything else is kept as typed and explained. */
export function CountField(props: FieldProps) {
  const { register } = useFormContext();
  return (
    <FormGroup {...props}>
      {(described) => (
        <input
          type="text"
          inputMode="numeric"
          className="input-short"
          {...described}
          {...register(props.name, {
            setValueAs: (typed: unknown) => {
              if (typeof typed !== "string") return typed;
              const text = typed.trim().replaceAll(",", "");
              if (text === "") return undefined;
              return /^-?\d+$/.test(text) ? Number(text) : new Unreadable("count");
            },
          })}
        />
      )}
    </FormGroup>
  );
}

/** Pence as someone would type them back: `25,000.00`, `-12.50`. */
export const moneyAsTyped = (pence: number) => formatPence(pence).replace("£", "");

/**
 * An amount in pounds: `£1,234.56`, `1234.56` and `1,234` all read, to the penny. The form holds
 * pence (so defaults and someone else's version are pence too); the box keeps what was typed.
 */
export function MoneyField(props: FieldProps) {
  const { control } = useFormContext();
  return (
    <FormGroup {...props}>
      {(described) => (
        <Controller
          name={props.name}
          control={control}
          render={({ field }) => (
            <span className="input-prefixed">
              <span aria-hidden="true">£</span>
              <MoneyBox described={described} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
            </span>
          )}
        />
      )}
    </FormGroup>
  );
}

function MoneyBox({
  described,
  value,
  onChange,
  onBlur,
}: {
  described: { id: string; "aria-describedby"?: string; "aria-invalid"?: true };
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
}) {
  const [typed, setTyped] = useState(() => (typeof value === "number" ? moneyAsTyped(value) : ""));
  // The form set an amount itself (reset to someone else's version): show it in the box.
  useEffect(() => {
    if (typeof value !== "number") return;
    setTyped((shown) => {
      const reading = readMoney(shown);
      return reading.ok && reading.value === value ? shown : moneyAsTyped(value);
    });
  }, [value]);
  return (
    <input
      type="text"
      inputMode="decimal"
      spellCheck={false}
      {...described}
      value={typed}
      onBlur={onBlur}
      onChange={(event) => {
        const text = event.target.value;
        setTyped(text);
        if (text.trim() === "") return onChange(undefined);
        const reading = readMoney(text);
        onChange(reading.ok ? reading.value : new Unreadable("money"));
      }}
    />
  );
}

/** A yes-or-no question as one checkbox, its label beside it. */
export function CheckboxField({ name, label, hint }: FieldProps) {
  useFieldLabel(name, label);
  const problem = useFieldProblem(name);
  const { register } = useFormContext();
  const id = useFieldId(name);
  return (
    <div className={problem ? "form-group form-group-error" : "form-group"}>
      <HintAndProblem id={id} hint={hint} problem={problem} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          aria-describedby={[hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ") || undefined}
          {...register(name)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

/** Several choices from a short list, as checkboxes under one question; held as a list of values. */
export function CheckboxesField({
  name,
  label,
  hint,
  options,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  useFieldLabel(name, label);
  const problem = useFieldProblem(name);
  const { register } = useFormContext();
  const id = useFieldId(name);
  return (
    <fieldset
      className={problem ? "form-group form-group-error" : "form-group"}
      id={id}
      tabIndex={-1}
      aria-describedby={[hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ") || undefined}
    >
      <legend>{label}</legend>
      <HintAndProblem id={id} hint={hint} problem={problem} />
      {options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input type="checkbox" id={`${id}-${option.value}`} value={option.value} {...register(name)} />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * One choice from a list. With numbers for values (a risk's likelihood, 1–5) the choice is stored
 * as a number, as the schema expects.
 */
export function SelectField({
  options,
  ...props
}: FieldProps & {
  options: readonly { value: string; label: string }[] | readonly { value: number; label: string }[];
}) {
  const { register } = useFormContext();
  const numeric = typeof options[0]?.value === "number";
  return (
    <FormGroup {...props}>
      {(described) => (
        <select {...described} {...register(props.name, { valueAsNumber: numeric })}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}

/**
 * Day, month and year in three boxes (GOV.UK's date input), held as `YYYY-MM-DD` for the schema.
 * What is typed stays in the boxes; a day that does not exist is explained, not guessed.
 */
export function DateField({ name, label, hint }: FieldProps) {
  useFieldLabel(name, label);
  const problem = useFieldProblem(name);
  const { control } = useFormContext();
  const id = useFieldId(name);
  const describedBy = [`${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ");
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <fieldset className={problem ? "form-group form-group-error" : "form-group"} aria-describedby={describedBy}>
          <legend>{label}</legend>
          <HintAndProblem id={id} hint={hint ?? "For example, 27 3 2026"} problem={problem} />
          <DateParts
            id={id}
            value={field.value}
            invalid={Boolean(problem)}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        </fieldset>
      )}
    />
  );
}

function DateParts({
  id,
  value,
  invalid,
  onChange,
  onBlur,
}: {
  id: string;
  value: unknown;
  invalid: boolean;
  onChange: (value: unknown) => void;
  onBlur: () => void;
}) {
  const [parts, setParts] = useState(() => isoDateParts(typeof value === "string" ? value : null));
  // The form set a date itself (reset to someone else's version): show it in the boxes.
  useEffect(() => {
    if (typeof value !== "string") return;
    setParts((shown) => (isoDateFromParts(shown.day, shown.month, shown.year) === value ? shown : isoDateParts(value)));
  }, [value]);
  const change = (part: keyof typeof parts, typed: string) => {
    const next = { ...parts, [part]: typed };
    setParts(next);
    const blank = !next.day.trim() && !next.month.trim() && !next.year.trim();
    const iso = isoDateFromParts(next.day, next.month, next.year);
    const partial = !blank && [next.day, next.month, next.year].some((each) => !each.trim());
    onChange(blank ? "" : (iso ?? new Unreadable(partial ? "partial date" : "date")));
  };
  const box = (part: keyof typeof parts, text: string, width: string, own: string) => (
    <div className="date-part">
      <label htmlFor={own}>{text}</label>
      <input
        id={own}
        className={width}
        type="text"
        inputMode="numeric"
        value={parts[part]}
        aria-invalid={invalid || undefined}
        onChange={(event) => change(part, event.target.value)}
        onBlur={onBlur}
      />
    </div>
  );
  return (
    <div className="date-input">
      {box("day", "Day", "input-2", id)}
      {box("month", "Month", "input-2", `${id}-month`)}
      {box("year", "Year", "input-4", `${id}-year`)}
    </div>
  );
}
