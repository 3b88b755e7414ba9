import { CreateDeliverableRequest, type ProgrammeDetail, UpdateDeliverableRequest } from "@fundline/schemas";
import { z } from "zod";
import { CountField, DateField, TextAreaField } from "../../../components/forms/fields.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord, WorkstreamField } from "../../programme-frame/index.ts";
import { useCreateDeliverable, useUpdateDeliverable } from "../api/deliverables.ts";

const RecordProgress = z.strictObject({
  version: UpdateDeliverableRequest.shape.version,
  achievedCount: filledIn(UpdateDeliverableRequest.shape.achievedCount),
});

export function RecordDeliverableProgressPage() {
  return (
    <WithProgrammeRecord what="deliverable" param="deliverableId" records={(programme) => programme.deliverableTargets}>
      {(programme, deliverable) => <RecordProgressForm programme={programme} deliverable={deliverable} />}
    </WithProgrammeRecord>
  );
}

function RecordProgressForm({
  programme,
  deliverable,
}: {
  programme: ProgrammeDetail;
  deliverable: ProgrammeDetail["deliverableTargets"][number];
}) {
  const save = useUpdateDeliverable(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(RecordProgress, {
    version: deliverable.version,
    achievedCount: deliverable.achievedCount,
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Record progress on a deliverable"
      lead={
        <div className="inset">
          <p>
            <strong>{deliverable.description}</strong>
          </p>
          <p>
            Target: {deliverable.atLeast && "at least "}
            {deliverable.targetCount.toLocaleString("en-GB")}. Achieved so far:{" "}
            {deliverable.achievedCount.toLocaleString("en-GB")}.
          </p>
        </div>
      }
    >
      <SchemaForm
        form={form}
        what="deliverable"
        submitLabel="Save progress"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const saved = await save.mutateAsync({ id: deliverable.id, change: values });
          returnTo(
            `/programmes/${programme.id}`,
            `“${saved.description}”: ${saved.achievedCount.toLocaleString("en-GB")} of ${saved.targetCount.toLocaleString("en-GB")} achieved.`,
          );
        }}
      >
        <CountField
          name="achievedCount"
          label="Number achieved so far"
          hint="The total to date, not the number since last time."
        />
      </SchemaForm>
    </FormPage>
  );
}

export function AddDeliverablePage() {
  return <WithProgramme>{(programme) => <AddDeliverableForm programme={programme} />}</WithProgramme>;
}

function AddDeliverableForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateDeliverable(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateDeliverableRequest, {
    programmeId: programme.id,
    workstreamId: "",
    description: "",
    atLeast: false,
    dueOn: "",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a deliverable"
    >
      <SchemaForm
        form={form}
        what="deliverable"
        submitLabel="Add the deliverable"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const created = await save.mutateAsync(values);
          returnTo(`/programmes/${programme.id}`, `“${created.description}” is added to the deliverables.`);
        }}
      >
        <TextAreaField
          name="description"
          label="Deliverable"
          hint="What is counted, for example “site visits hosted”."
          rows={2}
        />
        <CountField name="targetCount" label="Target number" />
        <DateField name="dueOn" label="Due by (optional)" />
        <WorkstreamField programme={programme} />
      </SchemaForm>
    </FormPage>
  );
}
