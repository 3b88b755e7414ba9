import { CreateWorkstreamRequest, type ProgrammeDetail, UpdateWorkstreamRequest } from "@fundline/schemas";
import { TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord } from "../../programme-frame/index.ts";
import { useCreateWorkstream, useRetireWorkstream, useUpdateWorkstream } from "../api/workstreams.ts";

type Workstream = ProgrammeDetail["workstreams"][number];
const workstreamsOf = (programme: ProgrammeDetail) => `/programmes/${programme.id}#workstreams`;

function WorkstreamFields() {
  return (
    <>
      <TextField name="name" label="Name" hint="For example, “Speech, language and communication”." />
      <TextAreaField name="description" label="Description (optional)" rows={3} />
    </>
  );
}

export function AddWorkstreamPage() {
  return <WithProgramme>{(programme) => <AddWorkstreamForm programme={programme} />}</WithProgramme>;
}

function AddWorkstreamForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateWorkstream(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateWorkstreamRequest, { name: "", description: "" });
  return (
    <FormPage
      back={{ to: workstreamsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a workstream"
    >
      <SchemaForm
        form={form}
        what="workstream"
        submitLabel="Add the workstream"
        cancelTo={workstreamsOf(programme)}
        onSubmit={async (workstream) => {
          const created = await save.mutateAsync(workstream);
          returnTo(workstreamsOf(programme), `“${created.name}” is added to the workstreams.`);
        }}
      >
        <WorkstreamFields />
      </SchemaForm>
    </FormPage>
  );
}

const UpdateWorkstream = UpdateWorkstreamRequest.extend({ name: filledIn(UpdateWorkstreamRequest.shape.name) });

export function EditWorkstreamPage() {
  return (
    <WithProgrammeRecord what="workstream" param="workstreamId" records={(programme) => programme.workstreams}>
      {(programme, workstream) => <EditWorkstreamForm programme={programme} workstream={workstream} />}
    </WithProgrammeRecord>
  );
}

function EditWorkstreamForm({ programme, workstream }: { programme: ProgrammeDetail; workstream: Workstream }) {
  const save = useUpdateWorkstream(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateWorkstream, {
    version: workstream.version,
    name: workstream.name,
    description: workstream.description ?? "",
  });
  return (
    <FormPage
      back={{ to: workstreamsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Change a workstream"
    >
      <SchemaForm
        form={form}
        what="workstream"
        submitLabel="Save the workstream"
        cancelTo={workstreamsOf(programme)}
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: workstream.id, change });
          returnTo(workstreamsOf(programme), `“${saved.name}” is saved.`);
        }}
      >
        <WorkstreamFields />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireWorkstreamPage() {
  return (
    <WithProgrammeRecord what="workstream" param="workstreamId" records={(programme) => programme.workstreams}>
      {(programme, workstream) => <RetireWorkstreamForm programme={programme} workstream={workstream} />}
    </WithProgrammeRecord>
  );
}

function RetireWorkstreamForm({ programme, workstream }: { programme: ProgrammeDetail; workstream: Workstream }) {
  const retire = useRetireWorkstream(programme.id);
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: workstreamsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire the workstream “${workstream.name}”`}
    >
      <RetireForm
        what="workstream"
        version={workstream.version}
        consequence="A workstream can be retired once no cost line or milestone belongs to it: move or retire those first."
        cancelTo={workstreamsOf(programme)}
        onRetire={async (retirement) => {
          await retire.mutateAsync({ id: workstream.id, retirement });
          returnTo(workstreamsOf(programme), `“${workstream.name}” is retired.`);
        }}
      />
    </FormPage>
  );
}
