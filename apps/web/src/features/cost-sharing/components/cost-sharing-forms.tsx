import { formatPence, splitPence } from "@fundline/domain";
import {
  CreateCostSharingAgreementRequest,
  type ProgrammeDetail,
  UpdateCostSharingAgreementRequest,
} from "@fundline/schemas";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { CountField, DateField, SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { ChangeReasonField } from "../../change-requests/index.ts";
import { WithProgramme, WithProgrammeRecord } from "../../programme-frame/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import {
  useCreateCostSharingAgreement,
  useRetireCostSharingAgreement,
  useUpdateCostSharingAgreement,
} from "../api/cost-sharing.ts";

type Agreement = ProgrammeDetail["costSharingAgreements"][number];
const moneySection = (programme: ProgrammeDetail) => `/programmes/${programme.id}#money`;

function AgreementFields({ programme }: { programme: ProgrammeDetail }) {
  return (
    <>
      <TextField name="name" label="Name" hint="For example, “Shared leadership post, 50/50”." />
      <SelectField
        name="costLineId"
        label="Cost line shared"
        hint="Leave as the whole programme if every line is shared the same way."
        options={[
          { value: "", label: "The whole programme" },
          ...programme.costLines.map((line) => ({ value: line.id, label: line.name })),
        ]}
      />
      <TextAreaField name="description" label="Description (optional)" rows={2} />
      <DateField name="effectiveFrom" label="From (optional)" />
      <DateField name="effectiveTo" label="To (optional)" />
      <SharesFields programme={programme} />
    </>
  );
}

/**
 * Each partner's whole-number parts, and beside them, as they are typed, each partner's share of
 * what has been spent to the penny (3:2 is 60/40; the odd penny goes by largest remainder).
 */
function SharesFields({ programme }: { programme: ProgrammeDetail }) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "shares" });
  const shares = (useWatch({ control, name: "shares" }) ?? []) as { organisationId?: string; parts?: unknown }[];
  const costLineId = useWatch({ control, name: "costLineId" }) as string | null;
  const partners = programme.partners.filter((partner) => partner.role !== "supplier" && !partner.withdrewOn);
  const line = programme.costLines.find((each) => each.id === costLineId);
  const spent = line ? line.spentPence : programme.spentPence;
  const parts = shares.map((share) => share.parts);
  const readable =
    parts.length >= 2 && parts.every((part) => typeof part === "number" && Number.isSafeInteger(part) && part > 0);
  const dues = readable ? splitPence(spent, parts as number[]) : null;
  const total = readable ? (parts as number[]).reduce((sum, part) => sum + part, 0) : 0;
  const nameOf = (id: string | undefined) =>
    programme.partners.find((partner) => partner.organisation.id === id)?.organisation.name ?? "Partner not chosen";
  return (
    <fieldset className="repeated-rows">
      <legend>Each partner's parts</legend>
      <p className="hint">Whole numbers: 1 and 1 for halves, 3 and 2 for 60% and 40%.</p>
      {fields.map((row, index) => (
        <div className="repeated-row" key={row.id}>
          <SelectField
            name={`shares.${index}.organisationId`}
            label={`Partner ${index + 1}`}
            options={[
              { value: "", label: "Choose a partner" },
              ...partners.map((partner) => ({ value: partner.organisation.id, label: partner.organisation.name })),
            ]}
          />
          <CountField name={`shares.${index}.parts`} label={`Parts for partner ${index + 1}`} />
          <p>
            <button type="button" className="secondary" onClick={() => remove(index)}>
              Remove<span className="visually-hidden"> partner {index + 1}</span>
            </button>
          </p>
        </div>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => append({ organisationId: "", parts: 1 })}>
          Add a partner
        </button>
      </p>
      <div className="live-sum" aria-live="polite">
        {dues ? (
          <TableRegion label="Each partner's share">
            <table>
              <caption>
                Each partner's share of the {formatPence(spent)} spent {line ? `on ${line.name}` : "on the programme"}{" "}
                so far
              </caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col" className="money">
                    Share
                  </th>
                  <th scope="col" className="money">
                    Due
                  </th>
                </tr>
              </thead>
              <tbody>
                {shares.map((share, index) => (
                  <tr key={fields[index]?.id ?? index}>
                    <th scope="row">{nameOf(share.organisationId)}</th>
                    <td className="money">{(((parts[index] as number) / total) * 100).toFixed(2)}%</td>
                    <td className="money">{formatPence(dues[index] ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>Each partner's share shows once at least two partners have a whole number of parts.</p>
        )}
      </div>
    </fieldset>
  );
}

export function AddCostSharingPage() {
  return <WithProgramme>{(programme) => <AddCostSharingForm programme={programme} />}</WithProgramme>;
}

function AddCostSharingForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateCostSharingAgreement(programme.id);
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateCostSharingAgreementRequest, {
    name: "",
    costLineId: "",
    description: "",
    effectiveFrom: "",
    effectiveTo: "",
    shares: [
      { organisationId: "", parts: 1 },
      { organisationId: "", parts: 1 },
    ],
  });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Share a cost between partners"
    >
      <SchemaForm
        form={form}
        what="cost-sharing agreement"
        submitLabel="Record the agreement"
        cancelTo={moneySection(programme)}
        onSubmit={async (agreement) => {
          const { result, findings } = await withFindings(programme.id, () => save.mutateAsync(agreement));
          returnTo(moneySection(programme), `“${result.name}” is recorded.`, findings);
        }}
      >
        <AgreementFields programme={programme} />
        <ChangeReasonField />
      </SchemaForm>
    </FormPage>
  );
}

const UpdateAgreement = UpdateCostSharingAgreementRequest.extend({
  name: filledIn(UpdateCostSharingAgreementRequest.shape.name),
  shares: filledIn(UpdateCostSharingAgreementRequest.shape.shares),
});

export function EditCostSharingPage() {
  return (
    <WithProgrammeRecord
      what="cost-sharing agreement"
      param="agreementId"
      records={(programme) => programme.costSharingAgreements}
    >
      {(programme, agreement) => <EditCostSharingForm programme={programme} agreement={agreement} />}
    </WithProgrammeRecord>
  );
}

function EditCostSharingForm({ programme, agreement }: { programme: ProgrammeDetail; agreement: Agreement }) {
  const save = useUpdateCostSharingAgreement();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateAgreement, {
    version: agreement.version,
    name: agreement.name,
    costLineId: agreement.costLineId ?? "",
    description: agreement.description ?? "",
    effectiveFrom: agreement.effectiveFrom ?? "",
    effectiveTo: agreement.effectiveTo ?? "",
    shares: agreement.shares.map((share) => ({ organisationId: share.organisation.id, parts: share.parts })),
  });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Change how a cost is shared"
    >
      <SchemaForm
        form={form}
        what="cost-sharing agreement"
        submitLabel="Save the agreement"
        cancelTo={moneySection(programme)}
        onSubmit={async (change) => {
          const { result, findings } = await withFindings(programme.id, () =>
            save.mutateAsync({ id: agreement.id, change }),
          );
          returnTo(moneySection(programme), `“${result.name}” is saved.`, findings);
        }}
      >
        <AgreementFields programme={programme} />
        <ChangeReasonField />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireCostSharingPage() {
  return (
    <WithProgrammeRecord
      what="cost-sharing agreement"
      param="agreementId"
      records={(programme) => programme.costSharingAgreements}
    >
      {(programme, agreement) => <RetireCostSharingForm programme={programme} agreement={agreement} />}
    </WithProgrammeRecord>
  );
}

function RetireCostSharingForm({ programme, agreement }: { programme: ProgrammeDetail; agreement: Agreement }) {
  const retire = useRetireCostSharingAgreement();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire “${agreement.name}”`}
    >
      <RetireForm
        what="cost-sharing agreement"
        version={agreement.version}
        consequence="The partners' dues under it are no longer worked out or compared with what each has paid."
        cancelTo={moneySection(programme)}
        onRetire={async (retirement) => {
          const { findings } = await withFindings(programme.id, () =>
            retire.mutateAsync({ id: agreement.id, retirement }),
          );
          returnTo(moneySection(programme), `“${agreement.name}” is retired.`, findings);
        }}
      />
    </FormPage>
  );
}
