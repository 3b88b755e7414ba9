import { formatDate, todayInTheUk } from "@fundline/domain";
import {
  type BenefitDirection,
  type BenefitType,
  CreateBenefitRequest,
  type ProgrammeDetail,
  RecordBenefitReadingRequest,
} from "@fundline/schemas";
import { DateField, SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord } from "../../programme-frame/index.ts";
import { useCreateBenefit, useRecordBenefitReading } from "../api/benefits.ts";

type Benefit = ProgrammeDetail["benefits"][number];

export function AddBenefitReadingPage() {
  return (
    <WithProgrammeRecord what="benefit" param="benefitId" records={(programme) => programme.benefits}>
      {(programme, benefit) => <AddReadingForm programme={programme} benefit={benefit} />}
    </WithProgrammeRecord>
  );
}

function AddReadingForm({ programme, benefit }: { programme: ProgrammeDetail; benefit: Benefit }) {
  const save = useRecordBenefitReading(programme.id, benefit.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(RecordBenefitReadingRequest, { readOn: todayInTheUk(), value: "", note: "" });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a reading"
      lead={
        <div className="inset">
          <p>
            <strong>{benefit.name}</strong>: {benefit.measure}
          </p>
          <p>
            Baseline {benefit.baselineValue ?? "not set"}, target{" "}
            {benefit.targetText ?? benefit.targetValue ?? "not set"}
            {benefit.latestReading &&
              `; latest ${benefit.latestReading.value} on ${formatDate(benefit.latestReading.readOn)}`}
            .
          </p>
        </div>
      }
    >
      <SchemaForm
        form={form}
        what="benefit"
        submitLabel="Add the reading"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const reading = await save.mutateAsync(values);
          returnTo(
            `/programmes/${programme.id}`,
            `${benefit.name}: a reading of ${reading.value} ${benefit.unit} on ${formatDate(reading.readOn)} is added.`,
          );
        }}
      >
        <DateField name="readOn" label="Date of the reading" />
        <TextField
          name="value"
          label={`Reading (${benefit.unit})`}
          hint="A number, up to 4 decimal places: 71.5"
          width="short"
        />
        <TextAreaField name="note" label="Note (optional)" hint="Where the figure comes from." rows={2} />
      </SchemaForm>
    </FormPage>
  );
}

const BENEFIT_TYPES: Record<(typeof BenefitType.options)[number], string> = {
  direct: "Direct",
  indirect: "Indirect",
};
const DIRECTIONS: Record<(typeof BenefitDirection.options)[number], string> = {
  increase: "Should go up",
  decrease: "Should go down",
  achieve: "Should be achieved (a yes or no target)",
};

export function AddBenefitPage() {
  return <WithProgramme>{(programme) => <AddBenefitForm programme={programme} />}</WithProgramme>;
}

function AddBenefitForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateBenefit(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateBenefitRequest, {
    programmeId: programme.id,
    workstreamId: "",
    name: "",
    measure: "",
    benefitType: "direct",
    direction: "increase",
    unit: "",
    baselineValue: "",
    targetValue: "",
    targetText: "",
    expectedBy: "",
    expectedByPrecision: null,
    expectedByLabel: "",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a benefit"
    >
      <SchemaForm
        form={form}
        what="benefit"
        submitLabel="Add the benefit"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const created = await save.mutateAsync(values);
          returnTo(`/programmes/${programme.id}`, `“${created.name}” is added to the benefits.`);
        }}
      >
        <TextField name="name" label="Benefit" hint="For example, “More children school-ready”." />
        <TextAreaField
          name="measure"
          label="How it is measured"
          hint="For example, “% of children achieving a good level of development”."
          rows={2}
        />
        <TextField name="unit" label="Unit" hint="%, children, visits…" width="short" />
        <SelectField
          name="direction"
          label="Direction"
          options={Object.entries(DIRECTIONS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="benefitType"
          label="Type"
          options={Object.entries(BENEFIT_TYPES).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="baselineValue" label="Baseline (optional)" width="short" />
        <TextField name="targetValue" label="Target (optional)" width="short" />
        <TextField
          name="targetText"
          label="Target in words (optional)"
          hint="For a target that is not a number, such as “improvement plan approved”."
        />
        <DateField name="expectedBy" label="Expected by (optional)" />
      </SchemaForm>
    </FormPage>
  );
}
