import {
  CreateProgrammeRequest,
  GovernanceStage,
  type ProgrammeDetail,
  ProgrammeStatus,
  UpdateProgrammeRequest,
} from "@fundline/schemas";
import { DateField, MoneyField, SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { useOrganisationsOfKind } from "../../organisations/index.ts";
import { GOVERNANCE_STAGES, PROGRAMME_STATUS, WithProgramme } from "../../programme-frame/index.ts";
import { useUsers } from "../../users/index.ts";
import { useCreateProgramme, useRetireProgramme, useUpdateProgramme } from "../api/programme-writes.ts";

const STATUS_OPTIONS = ProgrammeStatus.options.map((status) => ({
  value: status,
  label: PROGRAMME_STATUS[status].label,
}));
const STAGE_OPTIONS = [
  { value: "", label: "Not recorded" },
  ...GovernanceStage.options.map((stage) => ({ value: stage, label: GOVERNANCE_STAGES[stage] })),
];

function ProgrammeFields() {
  return (
    <>
      <TextField name="name" label="Name" hint="As the committee reports name it." />
      <TextAreaField name="summary" label="Summary (optional)" rows={4} />
      <SelectField name="status" label="Status" options={STATUS_OPTIONS} />
      <SelectField name="governanceStage" label="Governance stage (optional)" options={STAGE_OPTIONS} />
      <DateField name="startOn" label="Starts (optional)" />
      <DateField name="endOn" label="Ends (optional)" />
      <MoneyField
        name="totalCostPence"
        label="Total cost (optional)"
        hint="The whole programme's cost: funding is compared with it to show any shortfall."
      />
    </>
  );
}

export function AddProgrammePage() {
  // A programme is led by a council: not a funder or a supplier.
  const councils = useOrganisationsOfKind("council");
  const save = useCreateProgramme();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateProgrammeRequest, {
    name: "",
    summary: "",
    leadOrganisationId: "",
    status: "proposed",
    governanceStage: null,
    startOn: "",
    endOn: "",
  });
  return (
    <FormPage back={{ to: "/", label: "Back to the dashboard" }} caption="Programmes" title="Add a programme">
      <SchemaForm
        form={form}
        what="programme"
        submitLabel="Add the programme"
        cancelTo="/"
        onSubmit={async (programme) => {
          const created = await save.mutateAsync(programme);
          returnTo(
            `/programmes/${created.id}`,
            `“${created.name}” is added. Add its partners, cost lines and funding next.`,
          );
        }}
      >
        <SelectField
          name="leadOrganisationId"
          label="Lead council"
          options={[
            { value: "", label: councils.isPending ? "Loading councils…" : "Choose the lead council" },
            ...(councils.data?.organisations ?? []).map((council) => ({ value: council.id, label: council.name })),
          ]}
        />
        <ProgrammeFields />
      </SchemaForm>
    </FormPage>
  );
}

const UpdateProgramme = UpdateProgrammeRequest.extend({ name: filledIn(UpdateProgrammeRequest.shape.name) });

export function EditProgrammePage() {
  return <WithProgramme>{(programme) => <EditProgrammeForm programme={programme} />}</WithProgramme>;
}

function EditProgrammeForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useUpdateProgramme();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateProgramme, {
    version: programme.version,
    name: programme.name,
    summary: programme.summary ?? "",
    status: programme.status,
    governanceStage: programme.governanceStage,
    startOn: programme.startOn ?? "",
    endOn: programme.endOn ?? "",
    totalCostPence: programme.totalCostPence ?? undefined,
    readingsApproverId: programme.readingsApprover?.id ?? "",
  });
  const users = useUsers();
  const taking = new Set(programme.partners.map((partner) => partner.organisation.id));
  const people = (users.data?.users ?? []).filter((person) => person.active && taking.has(person.organisation.id));
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Change the programme's details"
    >
      <SchemaForm
        form={form}
        what="programme"
        submitLabel="Save the programme"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: programme.id, change });
          returnTo(`/programmes/${programme.id}`, `“${saved.name}” is saved.`);
        }}
      >
        <ProgrammeFields />
        <SelectField
          name="readingsApproverId"
          label="KPI readings approved by (optional)"
          hint="The programme's owner. A reading anyone else enters is submitted until they approve it; dashboards show approved readings."
          options={[
            { value: "", label: "Nobody: readings count as soon as they are entered" },
            ...people.map((person) => ({
              value: person.id,
              label: `${person.displayName} (${person.organisation.name})`,
            })),
          ]}
        />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireProgrammePage() {
  return <WithProgramme>{(programme) => <RetireProgrammeForm programme={programme} />}</WithProgramme>;
}

function RetireProgrammeForm({ programme }: { programme: ProgrammeDetail }) {
  const retire = useRetireProgramme();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Retire this programme"
    >
      <RetireForm
        what="programme"
        version={programme.version}
        consequence="It leaves every list, the portfolio and the dashboard. Use it for a programme recorded in error; a programme that has finished is closed, not retired."
        cancelTo={`/programmes/${programme.id}`}
        onRetire={async (retirement) => {
          await retire.mutateAsync({ id: programme.id, retirement });
          returnTo("/", `“${programme.name}” is retired.`);
        }}
      />
    </FormPage>
  );
}
