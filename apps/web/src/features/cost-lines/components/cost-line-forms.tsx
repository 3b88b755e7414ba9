import { CreateCostLineRequest, type ProgrammeDetail, UpdateCostLineRequest } from "@fundline/schemas";
import { TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { WithProgramme, WithProgrammeRecord, WorkstreamField } from "../../programme-frame/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import { useCreateCostLine, useRetireCostLine, useUpdateCostLine } from "../api/cost-lines.ts";

type Line = ProgrammeDetail["costLines"][number];
const moneySection = (programme: ProgrammeDetail) => `/programmes/${programme.id}#money`;

function CostLineFields({ programme }: { programme: ProgrammeDetail }) {
  return (
    <>
      <TextField name="name" label="Name" hint="What the money is spent on, such as “Dartington evaluation”." />
      <TextField
        name="ledgerCode"
        label="Ledger code (optional)"
        width="short"
        hint="The code the council's ledger uses for this line, such as EY-DSDL: a spend import matches payments by it."
      />
      <WorkstreamField programme={programme} />
    </>
  );
}

export function AddCostLinePage() {
  return <WithProgramme>{(programme) => <AddCostLineForm programme={programme} />}</WithProgramme>;
}

function AddCostLineForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateCostLine(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateCostLineRequest, { name: "", ledgerCode: "", workstreamId: "" });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a cost line"
    >
      <SchemaForm
        form={form}
        what="cost line"
        submitLabel="Add the cost line"
        cancelTo={moneySection(programme)}
        onSubmit={async (line) => {
          const created = await save.mutateAsync(line);
          returnTo(moneySection(programme), `“${created.name}” is added to the cost lines.`);
        }}
      >
        <CostLineFields programme={programme} />
      </SchemaForm>
    </FormPage>
  );
}

const UpdateCostLine = UpdateCostLineRequest.extend({ name: filledIn(UpdateCostLineRequest.shape.name) });

export function EditCostLinePage() {
  return (
    <WithProgrammeRecord what="cost line" param="lineId" records={(programme) => programme.costLines}>
      {(programme, line) => <EditCostLineForm programme={programme} line={line} />}
    </WithProgrammeRecord>
  );
}

function EditCostLineForm({ programme, line }: { programme: ProgrammeDetail; line: Line }) {
  const save = useUpdateCostLine();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateCostLine, {
    version: line.version,
    name: line.name,
    ledgerCode: line.ledgerCode ?? "",
    workstreamId: line.workstreamId ?? "",
  });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Change a cost line"
    >
      <SchemaForm
        form={form}
        what="cost line"
        submitLabel="Save the cost line"
        cancelTo={moneySection(programme)}
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: line.id, change });
          returnTo(moneySection(programme), `“${saved.name}” is saved.`);
        }}
      >
        <CostLineFields programme={programme} />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireCostLinePage() {
  return (
    <WithProgrammeRecord what="cost line" param="lineId" records={(programme) => programme.costLines}>
      {(programme, line) => <RetireCostLineForm programme={programme} line={line} />}
    </WithProgrammeRecord>
  );
}

function RetireCostLineForm({ programme, line }: { programme: ProgrammeDetail; line: Line }) {
  const retire = useRetireCostLine();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire the cost line “${line.name}”`}
    >
      <RetireForm
        what="cost line"
        version={line.version}
        consequence="A line can be retired only once nothing is allocated to it or spent on it: retire or move those first."
        cancelTo={moneySection(programme)}
        onRetire={async (retirement) => {
          const { findings } = await withFindings(programme.id, () => retire.mutateAsync({ id: line.id, retirement }));
          returnTo(moneySection(programme), `“${line.name}” is retired.`, findings);
        }}
      />
    </FormPage>
  );
}
