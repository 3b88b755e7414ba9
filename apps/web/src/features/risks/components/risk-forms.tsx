import { CreateRiskRequest, type ProgrammeDetail, RiskStatus, UpdateRiskRequest } from "@fundline/schemas";
import { SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord } from "../../programme-frame/index.ts";
import { useCreateRisk, useUpdateRisk } from "../api/risks.ts";
import { IMPACT, LIKELIHOOD, RISK_STATUS } from "./risk-words.ts";

type Risk = ProgrammeDetail["risks"][number];

/** An update may not blank the title: the API keeps a left-out field, so the form insists on one. */
const UpdateRisk = UpdateRiskRequest.extend({ title: filledIn(UpdateRiskRequest.shape.title) });

/** The fields of a risk, the same when adding one and updating it. */
function RiskFields() {
  return (
    <>
      <TextField name="title" label="Risk" hint="A short name, such as “Evaluator unavailable”." />
      <TextAreaField name="description" label="Description (optional)" rows={3} />
      <SelectField name="likelihood" label="Likelihood" options={LIKELIHOOD} />
      <SelectField name="impact" label="Impact" options={IMPACT} />
      <TextAreaField name="implication" label="Implication (optional)" hint="What happens if it occurs." rows={3} />
      <TextAreaField name="mitigation" label="Mitigation (optional)" hint="What is being done about it." rows={3} />
      <TextField name="ownerName" label="Owner (optional)" />
      <SelectField
        name="status"
        label="Status"
        options={RiskStatus.options.map((status) => ({ value: status, label: RISK_STATUS[status].label }))}
      />
    </>
  );
}

export function AddRiskPage() {
  return <WithProgramme>{(programme) => <AddRiskForm programme={programme} />}</WithProgramme>;
}

function AddRiskForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateRisk(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateRiskRequest, {
    programmeId: programme.id,
    title: "",
    description: "",
    implication: "",
    mitigation: "",
    ownerName: "",
    likelihood: 3,
    impact: 3,
    status: "open",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a risk"
    >
      <SchemaForm
        form={form}
        what="risk"
        submitLabel="Add the risk"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const created = await save.mutateAsync(values);
          returnTo(`/programmes/${programme.id}`, `“${created.title}” is added to the risks.`);
        }}
      >
        <RiskFields />
      </SchemaForm>
    </FormPage>
  );
}

export function UpdateRiskPage() {
  return (
    <WithProgrammeRecord what="risk" param="riskId" records={(programme) => programme.risks}>
      {(programme, risk) => <UpdateRiskForm programme={programme} risk={risk} />}
    </WithProgrammeRecord>
  );
}

function UpdateRiskForm({ programme, risk }: { programme: ProgrammeDetail; risk: Risk }) {
  const save = useUpdateRisk(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateRisk, {
    version: risk.version,
    title: risk.title,
    description: risk.description ?? "",
    implication: risk.implication ?? "",
    mitigation: risk.mitigation ?? "",
    ownerName: risk.ownerName ?? "",
    likelihood: risk.likelihood,
    impact: risk.impact,
    status: risk.status,
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Update a risk"
    >
      <SchemaForm
        form={form}
        what="risk"
        submitLabel="Save the risk"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const saved = await save.mutateAsync({ id: risk.id, change: values });
          returnTo(`/programmes/${programme.id}`, `“${saved.title}” is updated.`);
        }}
      >
        <RiskFields />
      </SchemaForm>
    </FormPage>
  );
}
