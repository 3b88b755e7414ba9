import { RetireRequest } from "@fundline/schemas";
import { TextAreaField } from "./fields.tsx";
import { SchemaForm, useSchemaForm } from "./schema-form.tsx";

/**
 * Retiring a record: it stays in the history (who, when, why) but stops counting in every
 * figure. Asks why, because an auditor will.
 */
export function RetireForm({
  what,
  version,
  consequence,
  cancelTo,
  onRetire,
}: {
  /** "commitment", "payment" … */
  what: string;
  version: number;
  /** What retiring this record does to the figures, in words. */
  consequence: string;
  cancelTo: string;
  onRetire: (request: RetireRequest) => Promise<unknown>;
}) {
  const form = useSchemaForm(RetireRequest, { version, reason: "" });
  return (
    <>
      <p>{consequence}</p>
      <p>It is kept in the history with your name, the time and your reason, and cannot be brought back.</p>
      <SchemaForm
        form={form}
        what={what}
        submitLabel={`Retire the ${what}`}
        cancelTo={cancelTo}
        tone="warning"
        onSubmit={onRetire}
      >
        <TextAreaField
          name="reason"
          label="Why is it being retired?"
          hint="For example, “Entered twice: the same invoice is in the ledger import of 31 Jan 2020”."
          rows={3}
        />
      </SchemaForm>
    </>
  );
}
