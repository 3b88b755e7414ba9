import { formatPence } from "@fundline/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import {
  type DefaultValues,
  type FieldValues,
  FormProvider,
  get,
  type Resolver,
  type UseFormReturn,
  useForm,
  useFormContext,
} from "react-hook-form";
import { Link, useNavigate } from "react-router";
import { ZodNullable, type z } from "zod";
import { ApiError, AwaitingApproval } from "../../lib/api-client.ts";
import type { ConfirmationState } from "../page/confirmation.tsx";
import { ConflictNotice } from "./conflict-notice.tsx";
import { fieldProblemInWords } from "./field-words.ts";

type ObjectSchema = z.ZodObject;

/**
 * A form driven by the schema the API validates with (react-hook-form with its zod resolver).
 * A blank box means "none" wherever the schema allows none; errors wait for a submit, as
 * GOV.UK forms do, so messages do not jump about while someone is typing.
 */
export function useSchemaForm<Schema extends ObjectSchema>(
  schema: Schema,
  defaultValues: DefaultValues<z.input<Schema> & FieldValues>,
): UseFormReturn<z.input<Schema> & FieldValues, unknown, z.output<Schema> & FieldValues> {
  const resolve = zodResolver(schema) as unknown as Resolver<FieldValues, unknown, FieldValues>;
  const resolver: Resolver<FieldValues, unknown, FieldValues> = (values, context, options) =>
    resolve(blanksAsNone(schema, values), context, options);
  return useForm({
    resolver,
    defaultValues: defaultValues as DefaultValues<FieldValues>,
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  }) as unknown as UseFormReturn<z.input<Schema> & FieldValues, unknown, z.output<Schema> & FieldValues>;
}

function blanksAsNone(schema: ObjectSchema, values: FieldValues): FieldValues {
  const shape = schema.shape as Record<string, z.ZodType>;
  const blankAs = (name: string) => {
    if (shape[name]?.safeParse(null).success) return null;
    if (shape[name]?.safeParse(undefined).success) return undefined;
    return "";
  };
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, value === "" ? blankAs(name) : value]),
  );
}

/** A field the API lets a change leave out or clear, made one this form must fill in. */
export function filledIn<Field extends z.ZodType>(
  field: z.ZodOptional<z.ZodNullable<Field>> | z.ZodOptional<Field>,
): Field {
  let inner: z.ZodType = field.unwrap();
  if (inner instanceof ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner as Field;
}

/** Each field's label, by name, for the error summary and the conflict table. */
const LabelsContext = createContext<Map<string, string> | null>(null);

export function useFieldLabel(name: string, label: string) {
  const labels = useContext(LabelsContext);
  labels?.set(name, label);
}

/** What a form's field ids start with: two forms on one page (the exports) keep theirs apart. */
const FieldIdPrefix = createContext("field");

/** The id a field's input has, so the error summary can link to it. */
export function useFieldId(name: string): string {
  return `${useContext(FieldIdPrefix)}-${name}`;
}

/** A field's problem as one sentence: "Date completed must be a real date". */
export function useFieldProblem(name: string): string | null {
  const labels = useContext(LabelsContext);
  const form = useFormContext();
  const message = errorMessage(form.formState.errors, name);
  if (!message) return null;
  return `${labels?.get(name) ?? name} ${fieldProblemInWords(form.getValues(name), message)}`;
}

/**
 * A field's error message. A field inside a list (`profile.0.amountPence`) has its error nested
 * the same way; a rule about a whole list (the profile must add up) is kept at the list's `root`.
 */
function errorMessage(errors: FieldValues, name: string): string | null {
  const error = get(errors, name) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = error?.message ?? error?.root?.message;
  return message ? String(message) : null;
}

/** The form's fields by their top-level names: a list's rows (`profile.0.amountPence`) as the list (`profile`). */
function topLevelNames(labels: Map<string, string>): Set<string> {
  return new Set([...labels.keys()].map((name) => name.split(".")[0] ?? name));
}

type SchemaFormProps<Input extends FieldValues, Output extends FieldValues> = {
  form: UseFormReturn<Input, unknown, Output>;
  /** Saves; resolves when saved. A rejection with an ApiError is shown on the form. */
  onSubmit: (values: Output) => Promise<unknown>;
  submitLabel: string;
  /** What is being edited, in words: "milestone". */
  what: string;
  /** Where "Cancel" goes; none for a form that changes nothing (a download). */
  cancelTo?: string;
  /** "warning" for a save that takes something away (retiring a record). */
  tone?: "warning";
  /** Its fields' ids start with this, when a page has more than one form. */
  idPrefix?: string;
  children: ReactNode;
};

/**
 * The one form pattern: an error summary at the top that links to each field and takes focus;
 * each field's error beside it; what was typed kept when a save fails; a 409 shown as what
 * someone else changed, with the choice to apply this edit to their version.
 */
export function SchemaForm<Input extends FieldValues, Output extends FieldValues>({
  form,
  onSubmit,
  submitLabel,
  what,
  cancelTo,
  tone,
  idPrefix = "field",
  children,
}: SchemaFormProps<Input, Output>) {
  const labels = useRef(new Map<string, string>()).current;
  const summary = useRef<HTMLDivElement>(null);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  // Set on a failed submit; the summary takes focus on the first render that shows it.
  const summaryWantsFocus = useRef(false);
  const loose = form as unknown as UseFormReturn<FieldValues, unknown, FieldValues>;
  const navigate = useNavigate();

  useEffect(() => {
    if (summaryWantsFocus.current && summary.current) {
      summaryWantsFocus.current = false;
      summary.current.focus();
    }
  });

  const submit = loose.handleSubmit(
    async (values) => {
      setFormProblem(null);
      setConflict(null);
      try {
        await onSubmit(values as Output);
      } catch (error) {
        // Kept as a change request: nothing is saved yet, and the person is told where it waits.
        if (error instanceof AwaitingApproval) {
          const state: ConfirmationState = {
            heading: "Sent for approval",
            confirmation: `${error.changeRequest.summary}: ${formatPence(error.changeRequest.amountPence)} is above your council's approval threshold, so nothing changes until another finance officer or an administrator approves it. It waits under Money records, Approvals.`,
          };
          navigate(cancelTo ?? "/money/approvals", { state });
          return;
        }
        if (!(error instanceof ApiError)) throw error;
        if (error.isConflict && typeof error.current === "object" && error.current !== null) {
          setConflict(error.current as Record<string, unknown>);
          return;
        }
        const unplaced: string[] = [];
        for (const problem of error.fields) {
          const name = problem.path.replace(/^body\./, "");
          if (labels.has(name)) loose.setError(name, { type: "server", message: problem.message });
          else unplaced.push(`${problem.path}: ${problem.message}`);
        }
        if (error.fields.length === 0 || unplaced.length > 0) {
          setFormProblem([error.message, ...unplaced].join(" "));
        }
        summaryWantsFocus.current = true;
      }
    },
    () => {
      setFormProblem(null);
      summaryWantsFocus.current = true;
    },
  );

  const problems = [...labels.keys()].flatMap((name) => {
    const message = errorMessage(loose.formState.errors, name);
    if (!message) return [];
    return [{ name, text: `${labels.get(name)} ${fieldProblemInWords(loose.getValues(name), String(message))}` }];
  });

  return (
    <FormProvider {...loose}>
      <FieldIdPrefix.Provider value={idPrefix}>
        <LabelsContext.Provider value={labels}>
          {conflict && (
            <ConflictNotice
              what={what}
              current={conflict}
              edited={loose.getValues()}
              labels={labels}
              onApplyMine={() => {
                // Only what this person changed is theirs to apply: every field they left alone
                // takes the saved version's value, so the other person's change is not undone.
                const { dirtyFields } = loose.formState;
                for (const name of topLevelNames(labels)) {
                  if (!get(dirtyFields, name) && name in conflict) loose.setValue(name, conflict[name] ?? "");
                }
                loose.setValue("version", conflict.version);
                setConflict(null);
                void submit();
              }}
              onTakeTheirs={() => {
                const theirs = Object.fromEntries(
                  [...topLevelNames(labels), "version"].map((name) => [name, conflict[name] ?? ""]),
                );
                loose.reset({ ...loose.getValues(), ...theirs });
                setConflict(null);
              }}
            />
          )}
          {(problems.length > 0 || formProblem) && (
            <div
              className="error-summary"
              role="alert"
              aria-labelledby="error-summary-title"
              tabIndex={-1}
              ref={summary}
            >
              <h2 id="error-summary-title">There is a problem</h2>
              {formProblem && <p>{formProblem}</p>}
              {problems.length > 0 && (
                <ul>
                  {problems.map((problem) => (
                    <li key={problem.name}>
                      <a
                        href={`#${idPrefix}-${problem.name}`}
                        onClick={(event) => {
                          event.preventDefault();
                          document.getElementById(`${idPrefix}-${problem.name}`)?.focus();
                        }}
                      >
                        {problem.text}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <form noValidate onSubmit={submit}>
            {children}
            <div className="button-group">
              <button type="submit" className={tone} disabled={loose.formState.isSubmitting}>
                {loose.formState.isSubmitting ? "Saving…" : submitLabel}
              </button>
              {cancelTo && <Link to={cancelTo}>Cancel</Link>}
            </div>
          </form>
        </LabelsContext.Provider>
      </FieldIdPrefix.Provider>
    </FormProvider>
  );
}
