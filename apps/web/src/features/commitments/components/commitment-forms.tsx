import { profileProblem } from "@fundline/domain";
import {
  type CommitmentDetail,
  CreateCommitmentRequest,
  type ProgrammeDetail,
  UpdateCommitmentRequest,
} from "@fundline/schemas";
import { type ReactNode, useRef } from "react";
import { useParams } from "react-router";
import type { z } from "zod";
import { DateField, MoneyField, SelectField, TextAreaField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { QueryPage } from "../../../components/page/page-states.tsx";
import { newIdempotencyKey } from "../../../lib/mutations.ts";
import { ChangeReasonField } from "../../change-requests/index.ts";
import { useProgrammeDecisions } from "../../decisions/index.ts";
import { useFunds } from "../../organisations/index.ts";
import { useProgrammeChoices, WithProgramme } from "../../programme-frame/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import { useCommitment, useCreateCommitment, useRetireCommitment, useUpdateCommitment } from "../api/commitments.ts";
import { COMMITMENT_STATUS_OPTIONS } from "./commitment-words.ts";
import { ProfileFields } from "./profile-fields.tsx";

/** The API's profile rule, checked before sending so the person is told beside the profile. */
const profileAddsUp = (commitment: { amountPence?: number; profile?: { amountPence: number }[] }) =>
  commitment.amountPence === undefined || !commitment.profile
    ? null
    : profileProblem(commitment.amountPence, commitment.profile);
const withProfileRule = <Schema extends z.ZodObject>(schema: Schema) =>
  schema.superRefine((commitment, context) => {
    const problem = profileAddsUp(commitment as Parameters<typeof profileAddsUp>[0]);
    if (problem) context.addIssue({ code: "custom", path: [problem.path], message: problem.message });
  });

/** Where a commitment's pages return to: its own page, which shows its new figures. */
export const commitmentPath = (id: string) => `/commitments/${id}`;

/** A page about the commitment in the address (`/commitments/:commitmentId/…`). */
export function WithCommitment({ children }: { children: (commitment: CommitmentDetail) => ReactNode }) {
  const { commitmentId = "" } = useParams();
  const commitment = useCommitment(commitmentId);
  return (
    <QueryPage query={commitment} what="commitment">
      {children}
    </QueryPage>
  );
}

/** The fields a commitment has, whether new or being corrected. */
function CommitmentFields({ programmeId }: { programmeId: string | null }) {
  const decisions = useProgrammeDecisions(programmeId ?? "");
  return (
    <>
      <TextField name="title" label="Title" hint="As the award letter or committee report names it." />
      <MoneyField name="amountPence" label="Amount awarded" hint="For example, 80,000 or 80000.00" />
      <SelectField name="status" label="Status" options={COMMITMENT_STATUS_OPTIONS} />
      <DateField name="awardedOn" label="Date awarded (optional)" />
      {programmeId && (decisions.data?.decisions.length ?? 0) > 0 && (
        <SelectField
          name="decisionId"
          label="Decision that approved it (optional)"
          options={[
            { value: "", label: "None recorded" },
            ...(decisions.data?.decisions ?? []).map((decision) => ({ value: decision.id, label: decision.title })),
          ]}
        />
      )}
      <TextAreaField
        name="conditions"
        label="Conditions (optional)"
        hint="What the funder requires in return."
        rows={3}
      />
      <ProfileFields />
      <ChangeReasonField />
    </>
  );
}

export function AddCommitmentPage() {
  return <WithProgramme>{(programme) => <AddCommitmentForm programme={programme} />}</WithProgramme>;
}

function AddCommitmentForm({ programme }: { programme: ProgrammeDetail }) {
  const funds = useFunds();
  const save = useCreateCommitment();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  // One key for this form: a second submit after a lost answer is recognised, not recorded twice.
  const key = useRef(newIdempotencyKey()).current;
  const form = useSchemaForm(NewCommitment, {
    programmeId: programme.id,
    fundId: "",
    recipientId: programme.leadOrganisation.id,
    title: "",
    status: "awarded",
    awardedOn: "",
    conditions: "",
    decisionId: "",
    profile: [],
  });
  return (
    <FormPage
      back={{ to: `/programmes/${programme.id}#money`, label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Record a funding commitment"
    >
      <SchemaForm
        form={form}
        what="commitment"
        submitLabel="Record the commitment"
        cancelTo={`/programmes/${programme.id}#money`}
        onSubmit={async (commitment) => {
          const { result, findings } = await withFindings(programme.id, () => save.mutateAsync({ commitment, key }));
          returnTo(commitmentPath(result.id), `“${result.title}” is recorded.`, findings);
        }}
      >
        <SelectField
          name="fundId"
          label="Fund"
          hint="The funder's fund the money comes from. An administrator adds funds."
          options={[{ value: "", label: "Choose a fund" }, ...funds.options]}
        />
        <SelectField
          name="recipientId"
          label="Paid to"
          options={programme.partners
            .filter((partner) => !partner.withdrewOn)
            .map((partner) => ({ value: partner.organisation.id, label: partner.organisation.name }))}
        />
        <CommitmentFields programmeId={programme.id} />
      </SchemaForm>
    </FormPage>
  );
}

const NewCommitment = withProfileRule(CreateCommitmentRequest);
const UpdateCommitment = withProfileRule(
  UpdateCommitmentRequest.extend({
    title: filledIn(UpdateCommitmentRequest.shape.title),
    amountPence: filledIn(UpdateCommitmentRequest.shape.amountPence),
  }),
);

export function EditCommitmentPage() {
  return <WithCommitment>{(commitment) => <EditCommitmentForm commitment={commitment} />}</WithCommitment>;
}

function EditCommitmentForm({ commitment }: { commitment: CommitmentDetail }) {
  const save = useUpdateCommitment();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateCommitment, {
    version: commitment.version,
    title: commitment.title,
    amountPence: commitment.amountPence,
    status: commitment.status,
    awardedOn: commitment.awardedOn ?? "",
    conditions: commitment.conditions ?? "",
    decisionId: commitment.decisionId ?? "",
    profile: commitment.profile,
  });
  return (
    <FormPage
      back={{ to: commitmentPath(commitment.id), label: `Back to ${commitment.title}` }}
      caption={`${commitment.fund.name} — ${commitment.funder.name}`}
      title="Correct a funding commitment"
    >
      <SchemaForm
        form={form}
        what="commitment"
        submitLabel="Save the commitment"
        cancelTo={commitmentPath(commitment.id)}
        onSubmit={async (change) => {
          const { result, findings } = await withFindings(commitment.programmeId, () =>
            save.mutateAsync({ id: commitment.id, change }),
          );
          returnTo(commitmentPath(result.id), `“${result.title}” is saved.`, findings);
        }}
      >
        <CommitmentFields programmeId={commitment.programmeId} />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireCommitmentPage() {
  return <WithCommitment>{(commitment) => <RetireCommitmentForm commitment={commitment} />}</WithCommitment>;
}

function RetireCommitmentForm({ commitment }: { commitment: CommitmentDetail }) {
  const retire = useRetireCommitment();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const back = commitment.programme ? `/programmes/${commitment.programme.id}#money` : "/commitments";
  return (
    <FormPage
      back={{ to: commitmentPath(commitment.id), label: `Back to ${commitment.title}` }}
      caption={commitment.title}
      title="Retire this commitment"
    >
      <RetireForm
        what="commitment"
        version={commitment.version}
        consequence="Its amount stops counting in the programme's funding, the portfolio and the dashboard. Retire its allocations and receipts first if they were recorded in error too."
        cancelTo={commitmentPath(commitment.id)}
        onRetire={async (retirement) => {
          const { result, findings } = await withFindings(commitment.programmeId, () =>
            retire.mutateAsync({ id: commitment.id, retirement }),
          );
          returnTo(back, `“${result.title}” is retired.`, findings);
        }}
      />
    </FormPage>
  );
}

/** An imported grant, tied to the programme it pays for (it then counts in that programme's funding). */
export function AssignCommitmentPage() {
  return <WithCommitment>{(commitment) => <AssignCommitmentForm commitment={commitment} />}</WithCommitment>;
}

const AssignCommitment = UpdateCommitmentRequest.pick({ version: true }).extend({
  programmeId: filledIn(UpdateCommitmentRequest.shape.programmeId),
});

function AssignCommitmentForm({ commitment }: { commitment: CommitmentDetail }) {
  const programmes = useProgrammeChoices();
  const save = useUpdateCommitment();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(AssignCommitment, { version: commitment.version, programmeId: "" });
  return (
    <FormPage
      back={{ to: commitmentPath(commitment.id), label: `Back to ${commitment.title}` }}
      caption={commitment.title}
      title="Tie this grant to a programme"
    >
      <SchemaForm
        form={form}
        what="commitment"
        submitLabel="Tie it to the programme"
        cancelTo={commitmentPath(commitment.id)}
        onSubmit={async (change) => {
          const { result, findings } = await withFindings(change.programmeId, () =>
            save.mutateAsync({ id: commitment.id, change }),
          );
          returnTo(commitmentPath(result.id), `“${result.title}” now counts in the programme's funding.`, findings);
        }}
      >
        <SelectField
          name="programmeId"
          label="Programme"
          hint="Its amount then counts in the programme's funding, and can be allocated to its cost lines."
          options={[
            { value: "", label: programmes.isPending ? "Loading programmes…" : "Choose a programme" },
            ...(programmes.data?.programmes ?? []).map((programme) => ({ value: programme.id, label: programme.name })),
          ]}
        />
      </SchemaForm>
    </FormPage>
  );
}
