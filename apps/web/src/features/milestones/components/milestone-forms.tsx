import { formatPlannedDate, todayInTheUk } from "@fundline/domain";
import { CreateMilestoneRequest, type ProgrammeDetail, UpdateMilestoneRequest } from "@fundline/schemas";
import type { ReactNode } from "react";
import { z } from "zod";
import { DateField, SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord, WorkstreamField } from "../../programme-frame/index.ts";
import { useCreateMilestone, useUpdateMilestone } from "../api/milestones.ts";
import { MILESTONE_STATUS, PROGRESS_STATUSES } from "./milestone-words.ts";

type Milestone = ProgrammeDetail["milestones"][number];

const update = UpdateMilestoneRequest.shape;

/** Complete: the date it was met and the evidence, with an optional note for the history. */
const CompleteMilestone = z.strictObject({
  version: update.version,
  actualOn: filledIn(update.actualOn),
  evidence: filledIn(update.evidence),
  note: update.note,
});

/** A new forecast date, a status, and why: kept in the milestone's history. */
const RescheduleMilestone = z.strictObject({
  version: update.version,
  forecastOn: filledIn(update.forecastOn),
  status: filledIn(update.status),
  note: filledIn(update.note),
});

const DATE_PRECISIONS = [
  { value: "day", label: "A day" },
  { value: "month", label: "A month" },
  { value: "quarter", label: "A quarter" },
  { value: "season", label: "A season (“Spring 2022”)" },
  { value: "year", label: "A year" },
] as const;

/** The programme and its milestone named in the address; not found when either is missing. */
function WithMilestone({ children }: { children: (programme: ProgrammeDetail, milestone: Milestone) => ReactNode }) {
  return (
    <WithProgrammeRecord what="milestone" param="milestoneId" records={(programme) => programme.milestones}>
      {children}
    </WithProgrammeRecord>
  );
}

export function CompleteMilestonePage() {
  return (
    <WithMilestone>
      {(programme, milestone) => <CompleteMilestoneForm programme={programme} milestone={milestone} />}
    </WithMilestone>
  );
}

function CompleteMilestoneForm({ programme, milestone }: { programme: ProgrammeDetail; milestone: Milestone }) {
  const save = useUpdateMilestone(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CompleteMilestone, {
    version: milestone.version,
    actualOn: todayInTheUk(),
    evidence: milestone.evidence ?? "",
    note: "",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Mark a milestone complete"
      lead={<MilestoneSummary milestone={milestone} />}
    >
      <SchemaForm
        form={form}
        what="milestone"
        submitLabel="Mark complete"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          await save.mutateAsync({ id: milestone.id, change: { ...values, status: "met" } });
          returnTo(`/programmes/${programme.id}`, `“${milestone.description}” is marked complete.`);
        }}
      >
        <DateField name="actualOn" label="Date completed" />
        <TextAreaField
          name="evidence"
          label="Evidence"
          hint="What shows it is done: a report, minutes, a link. Programme boards read this."
        />
        <TextField name="note" label="Note for the history (optional)" />
      </SchemaForm>
    </FormPage>
  );
}

export function RescheduleMilestonePage() {
  return (
    <WithMilestone>
      {(programme, milestone) => <RescheduleMilestoneForm programme={programme} milestone={milestone} />}
    </WithMilestone>
  );
}

function RescheduleMilestoneForm({ programme, milestone }: { programme: ProgrammeDetail; milestone: Milestone }) {
  const save = useUpdateMilestone(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(RescheduleMilestone, {
    version: milestone.version,
    forecastOn: milestone.forecastOn ?? milestone.baselineOn,
    status: milestone.status,
    note: "",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Move a milestone’s forecast or change its status"
      lead={<MilestoneSummary milestone={milestone} />}
    >
      <SchemaForm
        form={form}
        what="milestone"
        submitLabel="Save the change"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          await save.mutateAsync({ id: milestone.id, change: values });
          returnTo(
            `/programmes/${programme.id}`,
            `“${milestone.description}” is updated and the change is in its history.`,
          );
        }}
      >
        <DateField name="forecastOn" label="Forecast date" />
        <SelectField
          name="status"
          label="Status"
          options={PROGRESS_STATUSES.map((status) => ({ value: status, label: MILESTONE_STATUS[status].label }))}
        />
        <TextAreaField name="note" label="Reason for the change" hint="Kept in the milestone’s history." rows={3} />
      </SchemaForm>
    </FormPage>
  );
}

function MilestoneSummary({ milestone }: { milestone: Milestone }) {
  return (
    <div className="inset">
      <p>
        <strong>{milestone.description}</strong>
      </p>
      <p>
        Planned for {formatPlannedDate(milestone.baselineOn, milestone.baselinePrecision, milestone.baselineLabel)} ·{" "}
        {MILESTONE_STATUS[milestone.status].label}
      </p>
    </div>
  );
}

export function AddMilestonePage() {
  return <WithProgramme>{(programme) => <AddMilestoneForm programme={programme} />}</WithProgramme>;
}

function AddMilestoneForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateMilestone(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateMilestoneRequest, {
    programmeId: programme.id,
    workstreamId: "",
    description: "",
    output: "",
    ownerName: "",
    status: "not_started",
    baselineOn: "",
    baselinePrecision: "day",
    baselineLabel: "",
    forecastOn: "",
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a milestone"
    >
      <SchemaForm
        form={form}
        what="milestone"
        submitLabel="Add the milestone"
        cancelTo={`/programmes/${programme.id}`}
        onSubmit={async (values) => {
          const created = await save.mutateAsync(values);
          returnTo(`/programmes/${programme.id}`, `“${created.description}” is added to the milestones.`);
        }}
      >
        <TextAreaField
          name="description"
          label="Milestone"
          hint="What will have happened, as the plan says it."
          rows={2}
        />
        <DateField name="baselineOn" label="Planned date" hint="The date in the agreed plan. For example, 31 3 2027" />
        <SelectField name="baselinePrecision" label="How exact the planned date is" options={DATE_PRECISIONS} />
        <TextField
          name="baselineLabel"
          label="The planned date as written (optional)"
          hint="For a date the plan gives loosely, such as “Spring 2022”: shown instead of the date."
        />
        <DateField name="forecastOn" label="Forecast date (optional)" hint="If it is now expected on another date." />
        <SelectField
          name="status"
          label="Status"
          options={PROGRESS_STATUSES.map((status) => ({ value: status, label: MILESTONE_STATUS[status].label }))}
        />
        <WorkstreamField programme={programme} />
        <TextField name="ownerName" label="Owner (optional)" />
        <TextAreaField
          name="output"
          label="Output (optional)"
          hint="What it produces: a report, a plan, a service."
          rows={2}
        />
      </SchemaForm>
    </FormPage>
  );
}
