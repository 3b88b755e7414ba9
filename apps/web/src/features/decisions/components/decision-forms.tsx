import {
  CreateDecisionRequest,
  type DecisionResponse,
  type ProgrammeDetail,
  UpdateDecisionRequest,
} from "@fundline/schemas";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { DateField, MoneyField, SelectField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { NotFound, QueryPage } from "../../../components/page/page-states.tsx";
import { WithProgramme } from "../../programme-frame/index.ts";
import { useCreateDecision, useProgrammeDecisions, useRetireDecision, useUpdateDecision } from "../api/decisions.ts";

const decisionsOf = (programme: ProgrammeDetail) => `/programmes/${programme.id}#decisions`;
const KINDS = [
  { value: "key", label: "Key decision" },
  { value: "non_key", label: "Not a key decision" },
];

function DecisionFields() {
  return (
    <>
      <TextField name="title" label="Decision" hint="As the published record of decision names it." />
      <TextField name="reference" label="Reference (optional)" width="short" hint="For example, OLD-2019-08-02-DSDL." />
      <SelectField name="decisionType" label="Kind" options={KINDS} />
      <TextField
        name="decisionMaker"
        label="Approved by"
        hint="For example, “Cabinet Member – Education and Skills”."
      />
      <DateField name="decidedOn" label="Decided (optional)" />
      <DateField name="publishedOn" label="Published (optional)" />
      <TextField name="status" label="Outcome" hint="For example, “Recommendations Approved”." />
      <MoneyField name="amountPence" label="Amount approved (optional)" />
    </>
  );
}

export function AddDecisionPage() {
  return <WithProgramme>{(programme) => <AddDecisionForm programme={programme} />}</WithProgramme>;
}

function AddDecisionForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateDecision(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateDecisionRequest, {
    organisationId: programme.leadOrganisation.id,
    programmeId: programme.id,
    title: "",
    reference: "",
    decisionType: "key",
    decisionMaker: "",
    decidedOn: "",
    publishedOn: "",
    status: "Recommendations Approved",
  });
  return (
    <FormPage
      back={{ to: decisionsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Record a decision"
    >
      <SchemaForm
        form={form}
        what="decision"
        submitLabel="Record the decision"
        cancelTo={decisionsOf(programme)}
        onSubmit={async (decision) => {
          const created = await save.mutateAsync(decision);
          returnTo(decisionsOf(programme), `“${created.title}” is recorded.`);
        }}
      >
        <SelectField
          name="organisationId"
          label="Council that decided"
          options={programme.partners
            .filter((partner) => partner.role === "lead" || partner.role === "partner")
            .map((partner) => ({ value: partner.organisation.id, label: partner.organisation.name }))}
        />
        <DecisionFields />
      </SchemaForm>
    </FormPage>
  );
}

/** A decision of the programme in the address, or "Decision not found". */
function WithDecision({
  children,
}: {
  children: (programme: ProgrammeDetail, decision: DecisionResponse) => ReactNode;
}) {
  const { decisionId } = useParams();
  return (
    <WithProgramme>
      {(programme) => (
        <ProgrammeDecision programme={programme} decisionId={decisionId}>
          {children}
        </ProgrammeDecision>
      )}
    </WithProgramme>
  );
}

function ProgrammeDecision({
  programme,
  decisionId,
  children,
}: {
  programme: ProgrammeDetail;
  decisionId: string | undefined;
  children: (programme: ProgrammeDetail, decision: DecisionResponse) => ReactNode;
}) {
  const decisions = useProgrammeDecisions(programme.id);
  return (
    <QueryPage query={decisions} what="decision">
      {(list) => {
        const decision = list.decisions.find((each) => each.id === decisionId);
        return decision ? children(programme, decision) : <NotFound what="decision" />;
      }}
    </QueryPage>
  );
}

const UpdateDecision = UpdateDecisionRequest.extend({
  title: filledIn(UpdateDecisionRequest.shape.title),
  decisionMaker: filledIn(UpdateDecisionRequest.shape.decisionMaker),
  status: filledIn(UpdateDecisionRequest.shape.status),
});

export function EditDecisionPage() {
  return (
    <WithDecision>
      {(programme, decision) => <EditDecisionForm programme={programme} decision={decision} />}
    </WithDecision>
  );
}

function EditDecisionForm({ programme, decision }: { programme: ProgrammeDetail; decision: DecisionResponse }) {
  const save = useUpdateDecision(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateDecision, {
    version: decision.version,
    title: decision.title,
    reference: decision.reference ?? "",
    decisionType: decision.decisionType,
    decisionMaker: decision.decisionMaker,
    decidedOn: decision.decidedOn ?? "",
    publishedOn: decision.publishedOn ?? "",
    status: decision.status,
    amountPence: decision.amountPence ?? undefined,
  });
  return (
    <FormPage
      back={{ to: decisionsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Correct a decision"
    >
      <SchemaForm
        form={form}
        what="decision"
        submitLabel="Save the decision"
        cancelTo={decisionsOf(programme)}
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: decision.id, change });
          returnTo(decisionsOf(programme), `“${saved.title}” is saved.`);
        }}
      >
        <DecisionFields />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireDecisionPage() {
  return (
    <WithDecision>
      {(programme, decision) => <RetireDecisionForm programme={programme} decision={decision} />}
    </WithDecision>
  );
}

function RetireDecisionForm({ programme, decision }: { programme: ProgrammeDetail; decision: DecisionResponse }) {
  const retire = useRetireDecision(programme.id);
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: decisionsOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire “${decision.title}”`}
    >
      <RetireForm
        what="decision"
        version={decision.version}
        consequence="A decision can be retired once no commitment names it as its approval: correct those commitments first."
        cancelTo={decisionsOf(programme)}
        onRetire={async (retirement) => {
          await retire.mutateAsync({ id: decision.id, retirement });
          returnTo(decisionsOf(programme), `“${decision.title}” is retired.`);
        }}
      />
    </FormPage>
  );
}
